import { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from '../database/outbox';
import { MessageBus } from './message-bus.port';

export interface OutboxRelayOptions {
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize?: number;
  /** Test-only: die between the Kafka acknowledgement and marking the rows published. */
  crashAfterPublish?: boolean;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: unknown;
}

// One relay per database publishes at a time (transaction-scoped advisory lock), which keeps per-key order.
const RELAY_LOCK_KEY = 73_110_001;

/**
 * Publishes committed outbox rows to Kafka in commit order. Woken by LISTEN/NOTIFY at once, and by a poll
 * as a safety net. A crash after publishing and before marking re-publishes the rows: consumers de-duplicate.
 */
export class OutboxRelay {
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private wakeAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly logger: LoggerService,
    private readonly options: OutboxRelayOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.listener = new Client({ connectionString: this.options.databaseUrl, application_name: 'outbox-relay-listener' });
    this.listener.on('error', (error) =>
      this.logger.error({ msg: 'outbox listener connection failed', error: String(error) }, 'OutboxRelay'),
    );
    await this.listener.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.logger.error({ msg: 'outbox relay failed; will retry', error: String(error) }, 'OutboxRelay'))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  /** Publishes until the outbox is empty; returns the number of events published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < (this.options.batchSize ?? 200) || !this.running) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_KEY]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await tx.query(
        `SELECT seq, event_id, topic, message_key, event_type, payload FROM platform_outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [this.options.batchSize ?? 200],
      );
      if (rows.length === 0) return 0;
      await this.bus.publish(
        rows.map((r) => ({
          topic: r.topic,
          key: r.message_key,
          value: JSON.stringify(r.payload),
          headers: { 'event-id': r.event_id, 'event-type': r.event_type },
        })),
      );
      if (this.options.crashAfterPublish) {
        this.logger.warn({ msg: 'MES_FAULT=crash-after-publish: killing the process before marking published' }, 'OutboxRelay');
        process.kill(process.pid, 'SIGKILL');
      }
      await tx.query(`UPDATE platform_outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [rows.map((r) => r.seq)]);
      return rows.length;
    });
  }
}
