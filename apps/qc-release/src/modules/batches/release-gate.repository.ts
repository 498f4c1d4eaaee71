import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface BatchReview {
  batchId: string;
  reviewedBy: string;
  reviewedAt: Date;
  openDeviations: number;
}

export type DeviationClassification = 'minor' | 'major' | 'critical';

export interface DeviationState {
  deviationId: string;
  batchId: string;
  number: string;
  classification: DeviationClassification;
  state: 'open' | 'closed';
  title: string;
  stepCode: string | null;
  changedAt: Date;
  changedBy: string;
}

/** Read models of batch-record's QA review and deviations, kept for the release gate. */
@Injectable()
export class ReleaseGateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest review wins; an older one arriving late changes nothing. */
  async recordReview(tx: EntityManager, r: BatchReview, sourceEventId: string, recordedAt: Date): Promise<void> {
    await tx.query(
      `INSERT INTO qc_batch_review (batch_id, reviewed_by, reviewed_at, open_deviations, source_event_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (batch_id) DO UPDATE SET reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at,
         open_deviations = EXCLUDED.open_deviations, source_event_id = EXCLUDED.source_event_id, recorded_at = EXCLUDED.recorded_at
       WHERE qc_batch_review.reviewed_at <= EXCLUDED.reviewed_at`,
      [r.batchId, r.reviewedBy, r.reviewedAt, r.openDeviations, sourceEventId, recordedAt],
    );
  }

  /** Keeps the latest state per deviation; an older change arriving late changes nothing. */
  async recordDeviation(tx: EntityManager, d: DeviationState, sourceEventId: string, recordedAt: Date): Promise<void> {
    await tx.query(
      `INSERT INTO qc_deviation_view (deviation_id, batch_id, number, classification, state, title, step_code, changed_at, changed_by, source_event_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (deviation_id) DO UPDATE SET batch_id = EXCLUDED.batch_id, number = EXCLUDED.number, classification = EXCLUDED.classification,
         state = EXCLUDED.state, title = EXCLUDED.title, step_code = EXCLUDED.step_code, changed_at = EXCLUDED.changed_at,
         changed_by = EXCLUDED.changed_by, source_event_id = EXCLUDED.source_event_id, recorded_at = EXCLUDED.recorded_at
       WHERE qc_deviation_view.changed_at <= EXCLUDED.changed_at`,
      [
        d.deviationId,
        d.batchId,
        d.number,
        d.classification,
        d.state,
        d.title,
        d.stepCode,
        d.changedAt,
        d.changedBy,
        sourceEventId,
        recordedAt,
      ],
    );
  }

  async review(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<BatchReview | null> {
    const [row]: { batch_id: string; reviewed_by: string; reviewed_at: Date; open_deviations: number }[] = await tx.query(
      `SELECT batch_id, reviewed_by, reviewed_at, open_deviations FROM qc_batch_review WHERE batch_id = $1`,
      [batchId],
    );
    return row
      ? {
          batchId: row.batch_id,
          reviewedBy: row.reviewed_by,
          reviewedAt: new Date(row.reviewed_at),
          openDeviations: Number(row.open_deviations),
        }
      : null;
  }

  async deviations(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<DeviationState[]> {
    const rows: {
      deviation_id: string;
      batch_id: string;
      number: string;
      classification: DeviationClassification;
      state: 'open' | 'closed';
      title: string;
      step_code: string | null;
      changed_at: Date;
      changed_by: string;
    }[] = await tx.query(
      `SELECT deviation_id, batch_id, number, classification, state, title, step_code, changed_at, changed_by
       FROM qc_deviation_view WHERE batch_id = $1 ORDER BY number, deviation_id`,
      [batchId],
    );
    return rows.map((r) => ({
      deviationId: r.deviation_id,
      batchId: r.batch_id,
      number: r.number,
      classification: r.classification,
      state: r.state,
      title: r.title,
      stepCode: r.step_code,
      changedAt: new Date(r.changed_at),
      changedBy: r.changed_by,
    }));
  }
}
