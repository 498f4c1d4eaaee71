import { Inject, Injectable, LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { APP_LOGGER, SERVICE_CONFIG } from '@mes/platform';
import { NotificationConfig } from '../../../config/notification.config';
import { NOTIFICATION_CHANNEL } from '../notification.types';

export interface ListenerCallbacks {
  /** A notification for this clinic was committed (by any replica). */
  onNotification(clinicId: string): void;
  /** The connection was re-established: wake-ups may have been missed while it was down. */
  onReconnected(): void;
}

const RECONNECT_DELAY_MS = 1_000;

/** The process's one dedicated Postgres connection doing LISTEN notification_created; reconnects if it drops. */
@Injectable()
export class NotificationListener {
  private client?: Client;
  private callbacks?: ListenerCallbacks;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  async start(callbacks: ListenerCallbacks): Promise<void> {
    this.callbacks = callbacks;
    this.stopping = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'notification-stream-listener' });
    client.on('notification', (message) => {
      if (message.channel === NOTIFICATION_CHANNEL && message.payload) this.callbacks?.onNotification(message.payload);
    });
    client.on('error', (error) => this.logger.error({ msg: 'notification listener connection failed', error: String(error) }, 'NotificationListener'));
    client.on('end', () => {
      if (this.client === client) this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  private scheduleReconnect(): void {
    this.client = undefined;
    if (this.stopping) return;
    this.reconnectTimer = setTimeout(() => {
      this.connect()
        .then(() => {
          this.logger.log({ msg: 'notification listener reconnected' }, 'NotificationListener');
          this.callbacks?.onReconnected();
        })
        .catch((error) => {
          this.logger.warn({ msg: 'notification listener reconnect failed; retrying', error: String(error) }, 'NotificationListener');
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
  }
}
