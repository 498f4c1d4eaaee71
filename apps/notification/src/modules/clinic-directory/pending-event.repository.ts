import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@mes/contracts';
import { SubjectRef } from './clinic-directory.types';

interface PendingRow {
  seq: string;
  envelope: EventEnvelope;
}

@Injectable()
export class PendingEventRepository {
  async park(tx: EntityManager, ref: SubjectRef, envelope: EventEnvelope, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO pending_event (event_id, event_type, subject_kind, subject_id, envelope, parked_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (event_id) DO NOTHING`,
      [envelope.eventId, envelope.type, ref.kind, ref.id, JSON.stringify(envelope), at],
    );
  }

  /** Removes and returns the events parked for a subject, oldest first; the caller handles them in the same transaction. */
  async take(tx: EntityManager, ref: SubjectRef): Promise<EventEnvelope[]> {
    // A bare DELETE … RETURNING has no order (and TypeORM wraps its result): select from it, in arrival order.
    const rows: PendingRow[] = await tx.query(
      `WITH taken AS (DELETE FROM pending_event WHERE subject_kind = $1 AND subject_id = $2 RETURNING seq, envelope)
       SELECT seq, envelope FROM taken ORDER BY seq`,
      [ref.kind, ref.id],
    );
    return rows.map((r) => r.envelope);
  }
}
