import { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxRowAbandonedV1 } from '@mes/contracts';
import { OUTBOX_CHANNEL, OutboxWriter } from '../database/outbox';
import { MessageBus, MessageRejectedError, OutgoingMessage } from './message-bus.port';

/** The part of a pg Client the LISTEN connection needs (a fake in unit tests). */
export type ListenClient = Pick<Client, 'connect' | 'query' | 'end' | 'on' | 'removeAllListeners'>;

export interface OutboxRelayOptions {
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize?: number;
  /** Kafka refusals of one row before it is abandoned (its key then waits for an operator). */
  maxAttempts?: number;
  /** The name this service's events carry as producer; the abandoned-row alert names it. */
  service?: string;
  /** First and longest wait before reconnecting the LISTEN connection. */
  reconnectDelayMs?: { min: number; max: number };
  /** Test-only: die between the Kafka acknowledgement and marking the rows published. */
  crashAfterPublish?: boolean;
  /** Tests replace the LISTEN connection. */
  listenClient?: () => ListenClient;
}

interface OutboxRow {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: unknown;
  attempts: number;
}

// One relay per database publishes at a time (transaction-scoped advisory lock), which keeps per-key order.
const RELAY_LOCK_KEY = 73_110_001;

/**
 * Publishes committed outbox rows to Kafka in commit order. Woken by LISTEN/NOTIFY at once, and by a poll
 * as a safety net. A crash after publishing and before marking re-publishes the rows: consumers de-duplicate.
 * A row Kafka refuses for good is retried `maxAttempts` times, then abandoned with a staff alert; rows of other
 * keys keep flowing, later rows of its key wait (per-key order) until an operator retries or discards it.
 */
export class OutboxRelay {
  private listener?: ListenClient;
  private timer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelay: number;
  private running = false;
  private draining?: Promise<void>;
  private wakeAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly logger: LoggerService,
    private readonly options: OutboxRelayOptions,
    private readonly outbox?: OutboxWriter,
  ) {
    this.reconnectDelay = this.delays.min;
  }

  private get delays(): { min: number; max: number } {
    return this.options.reconnectDelayMs ?? { min: 500, max: 30_000 };
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.draining;
    await this.closeListener();
  }

  /** Opens the LISTEN connection; when it fails or ends (e.g. a Postgres restart) it is reopened with back-off. */
  private async listen(): Promise<void> {
    const client =
      this.options.listenClient?.() ??
      new Client({ connectionString: this.options.databaseUrl, application_name: 'outbox-relay-listener' });
    this.listener = client;
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost || this.listener !== client) return;
      lost = true;
      this.logger.error({ msg: 'outbox listener connection lost; reconnecting', error: String(error ?? 'ended') }, 'OutboxRelay');
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', () => this.wake());
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(delay * 2, this.delays.max);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (!this.running) return;
    await this.closeListener();
    try {
      await this.listen();
    } catch (error) {
      this.logger.warn({ msg: 'outbox listener reconnect failed; will retry', error: String(error) }, 'OutboxRelay');
      this.scheduleReconnect();
      return;
    }
    this.reconnectDelay = this.delays.min;
    this.logger.log({ msg: 'outbox listener reconnected' }, 'OutboxRelay');
    // Notifications sent while the connection was down are lost: drain once to publish what they announced.
    this.wake();
  }

  private async closeListener(): Promise<void> {
    const client = this.listener;
    this.listener = undefined;
    if (!client) return;
    client.removeAllListeners();
    client.on('error', () => undefined); // a late socket error on a discarded client must not crash the process
    await client.end().catch(() => undefined);
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

  /** Publishes until nothing more can be published now; returns the number of events published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { selected, published } = await this.publishBatch();
      total += published;
      if (selected < (this.options.batchSize ?? 200) || published < selected || !this.running) return total;
    }
  }

  private async publishBatch(): Promise<{ selected: number; published: number }> {
    let transient: unknown;
    const result = await this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK_KEY]);
      if (!locked) return { selected: 0, published: 0 };
      // A row waits while an earlier row of its key is abandoned (per-key order), until an operator retries or discards it.
      const rows: OutboxRow[] = await tx.query(
        `SELECT seq, event_id, topic, message_key, event_type, payload, attempts FROM platform_outbox o
         WHERE published_at IS NULL AND discarded_at IS NULL AND abandoned_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM platform_outbox b WHERE b.message_key = o.message_key AND b.seq < o.seq
             AND b.abandoned_at IS NOT NULL AND b.published_at IS NULL AND b.discarded_at IS NULL)
         ORDER BY seq LIMIT $1`,
        [this.options.batchSize ?? 200],
      );
      if (rows.length === 0) return { selected: 0, published: 0 };
      const outcome = await this.publishRows(tx, rows);
      transient = outcome.transient;
      if (this.options.crashAfterPublish) {
        this.logger.warn({ msg: 'MES_FAULT=crash-after-publish: killing the process before marking published' }, 'OutboxRelay');
        process.kill(process.pid, 'SIGKILL');
      }
      if (outcome.published.length > 0) {
        await tx.query(`UPDATE platform_outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [outcome.published]);
      }
      return { selected: rows.length, published: outcome.published.length };
    });
    // Rows published before the broker went away stay marked; the rest wait for the next wake-up, no attempt counted.
    if (transient) throw transient;
    return result;
  }

  /** One send for the whole batch; when Kafka refuses something in it, row by row so a refusal holds back only its own key. */
  private async publishRows(tx: EntityManager, rows: OutboxRow[]): Promise<{ published: string[]; transient?: unknown }> {
    if (rows.every((r) => r.attempts === 0)) {
      try {
        await this.bus.publish(rows.map(toMessage));
        return { published: rows.map((r) => r.seq) };
      } catch (error) {
        if (!(error instanceof MessageRejectedError)) throw error;
        this.logger.warn({ msg: 'Kafka refused a message of the batch; publishing row by row', error: String(error) }, 'OutboxRelay');
      }
    }
    const published: string[] = [];
    const held = new Set<string>();
    for (const row of rows) {
      if (held.has(row.message_key)) continue;
      try {
        await this.bus.publish([toMessage(row)]);
        published.push(row.seq);
      } catch (error) {
        if (!(error instanceof MessageRejectedError)) return { published, transient: error };
        held.add(row.message_key);
        await this.recordRefusal(tx, row, error);
      }
    }
    return { published };
  }

  private async recordRefusal(tx: EntityManager, row: OutboxRow, error: MessageRejectedError): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const [updated]: { attempts: number; abandoned_at: Date | null }[] = await tx.query(
      // A CTE, so the driver hands back the returned row (a bare UPDATE answers [rows, count]).
      `WITH refused AS (UPDATE platform_outbox SET attempts = attempts + 1, last_error = $2,
         abandoned_at = CASE WHEN attempts + 1 >= $3 THEN now() END
       WHERE seq = $1 RETURNING attempts, abandoned_at) SELECT attempts, abandoned_at FROM refused`,
      [row.seq, error.message.slice(0, 2000), maxAttempts],
    );
    const facts = { seq: row.seq, eventId: row.event_id, eventType: row.event_type, topic: row.topic, key: row.message_key };
    if (!updated?.abandoned_at) {
      this.logger.warn(
        { msg: 'Kafka refused an outbox row; will retry', ...facts, attempts: updated?.attempts, error: error.message },
        'OutboxRelay',
      );
      return;
    }
    this.logger.error({ msg: 'outbox row abandoned; its key waits for an operator', ...facts, attempts: updated.attempts }, 'OutboxRelay');
    // The alert about an abandoned alert would be refused the same way: the log line is all that can be said.
    if (row.event_type === OutboxRowAbandonedV1.type || !this.outbox) return;
    await this.outbox.append(
      tx,
      OutboxRowAbandonedV1,
      {
        service: this.options.service ?? 'unknown',
        outboxSeq: row.seq,
        eventId: row.event_id,
        eventType: row.event_type,
        topic: row.topic,
        messageKey: row.message_key,
        attempts: updated.attempts,
        lastError: error.message.slice(0, 2000),
        abandonedAt: new Date(updated.abandoned_at).toISOString(),
      },
      { subject: `outbox-row:${row.event_id}` },
    );
  }
}

function toMessage(r: OutboxRow): OutgoingMessage {
  return {
    topic: r.topic,
    key: r.message_key,
    value: JSON.stringify(r.payload),
    headers: { 'event-id': r.event_id, 'event-type': r.event_type },
  };
}
