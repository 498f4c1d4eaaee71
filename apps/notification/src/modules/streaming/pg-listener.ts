import { Inject, Injectable, LoggerService, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_LOGGER, SERVICE_CONFIG } from '@mes/platform';
import { NotificationConfig } from '../../config/notification.config';

export interface ChannelSubscriber {
  /** Something was committed (by any replica) on this channel; the payload says what it concerns. */
  onMessage(payload: string): void;
  /** The connection was re-established: wake-ups may have been missed while it was down. */
  onReconnected(): void;
}

const RECONNECT_DELAY_MS = 1_000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The process's one dedicated Postgres connection doing LISTEN for every stream channel (clinic notifications,
 * staff alerts); reconnects if it drops. Only processes that serve the API listen. Subscribe before bootstrap.
 */
@Injectable()
export class PgListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private client?: Client;
  private readonly subscribers = new Map<string, ChannelSubscriber[]>();
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.PROCESS_ROLES.includes('api') || this.subscribers.size === 0) return;
    this.stopping = false;
    await this.connect();
  }

  // After every stream has ended (the stream services close theirs before the HTTP server stops).
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'notification-stream-listener' });
    client.on('notification', (message) => {
      if (message.payload === undefined) return;
      for (const s of this.subscribers.get(message.channel) ?? []) s.onMessage(message.payload);
    });
    client.on('error', (error) => this.logger.error({ msg: 'stream listener connection failed', error: String(error) }, 'PgListener'));
    client.on('end', () => {
      if (this.client === client) this.scheduleReconnect();
    });
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
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
          this.logger.log({ msg: 'stream listener reconnected' }, 'PgListener');
          for (const list of this.subscribers.values()) for (const s of list) s.onReconnected();
        })
        .catch((error) => {
          this.logger.warn({ msg: 'stream listener reconnect failed; retrying', error: String(error) }, 'PgListener');
          this.scheduleReconnect();
        });
    }, RECONNECT_DELAY_MS);
  }
}
