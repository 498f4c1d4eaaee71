import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { IncomingMessage } from './message-bus.port';

export type DeadLetterState = 'pending' | 'replayed' | 'discarded';

export interface DeadLetterDraft {
  consumer: string;
  message: IncomingMessage;
  eventType: string | null;
  eventVersion: number | null;
  reason: string;
  detail: string;
  attempts: number;
  recordedAt: Date;
}

export interface DeadLetter {
  id: string;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  eventType: string | null;
  eventVersion: number | null;
  reason: string;
  detail: string;
  attempts: number;
  state: DeadLetterState;
  recordedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionReason: string | null;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  message_key: Buffer | null;
  message_value: Buffer | null;
  headers: Buffer;
  event_type: string | null;
  event_version: number | null;
  reason: string;
  detail: string;
  attempts: number;
  state: DeadLetterState;
  recorded_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_reason: string | null;
}

// Stored as bytes, never as TEXT: Postgres refuses a NUL in TEXT/JSONB, and the message is recorded exactly as it came.
const toBytes = (text: string | null): Buffer | null => (text === null ? null : Buffer.from(text, 'utf8'));
const fromBytes = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('utf8'));

const toDeadLetter = (r: DeadLetterRow): DeadLetter => ({
  id: r.id,
  consumer: r.consumer,
  topic: r.topic,
  partition: r.kafka_partition,
  offset: r.kafka_offset,
  key: fromBytes(r.message_key),
  value: fromBytes(r.message_value),
  headers: JSON.parse(r.headers.toString('utf8')) as Record<string, string>,
  eventType: r.event_type,
  eventVersion: r.event_version,
  reason: r.reason,
  detail: r.detail,
  attempts: r.attempts,
  state: r.state,
  recordedAt: r.recorded_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  resolvedBy: r.resolved_by,
  resolutionReason: r.resolution_reason,
});

/** platform_dead_letter: the dead letters of this service's consumer group (the DLQ topic is a copy for tooling). */
export class DeadLetterRepository {
  /** Records a dead letter once per (group, topic, partition, offset); returns its id when it is new, null when known. */
  async record(tx: EntityManager, d: DeadLetterDraft): Promise<string | null> {
    const { message: m } = d;
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO platform_dead_letter (id, consumer, topic, kafka_partition, kafka_offset, message_key, message_value, headers,
         event_type, event_version, reason, detail, attempts, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (consumer, topic, kafka_partition, kafka_offset) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        d.consumer,
        m.topic,
        m.partition,
        m.offset,
        toBytes(m.key),
        toBytes(m.value),
        toBytes(JSON.stringify(m.headers)),
        d.eventType,
        d.eventVersion,
        d.reason,
        d.detail,
        d.attempts,
        d.recordedAt,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async list(tx: EntityManager, state?: DeadLetterState): Promise<DeadLetter[]> {
    const rows: DeadLetterRow[] = await tx.query(
      `SELECT * FROM platform_dead_letter WHERE $1::text IS NULL OR state = $1 ORDER BY recorded_at, id`,
      [state ?? null],
    );
    return rows.map(toDeadLetter);
  }

  /** The dead letter, row-locked so two operators cannot replay or discard it at once. */
  async lock(tx: EntityManager, id: string): Promise<DeadLetter | null> {
    const rows: DeadLetterRow[] = await tx.query(`SELECT * FROM platform_dead_letter WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toDeadLetter(rows[0]) : null;
  }

  async resolve(
    tx: EntityManager,
    id: string,
    state: Exclude<DeadLetterState, 'pending'>,
    by: string,
    why: string,
    at: Date,
  ): Promise<void> {
    await tx.query(`UPDATE platform_dead_letter SET state = $2, resolved_by = $3, resolution_reason = $4, resolved_at = $5 WHERE id = $1`, [
      id,
      state,
      by,
      why,
      at,
    ]);
  }
}
