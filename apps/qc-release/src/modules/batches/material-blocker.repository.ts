import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface MaterialBlocker {
  sourceEventId: string;
  batchId: string;
  lotId: string;
  stepCode: string;
  reason: string;
  usedAt: Date;
  recordedAt: Date;
}

@Injectable()
export class MaterialBlockerRepository {
  async record(tx: EntityManager, b: MaterialBlocker): Promise<void> {
    await tx.query(
      `INSERT INTO qc_material_blocker (source_event_id, batch_id, lot_id, step_code, reason, used_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [b.sourceEventId, b.batchId, b.lotId, b.stepCode, b.reason, b.usedAt, b.recordedAt],
    );
  }

  async forBatch(tx: EntityManager, batchId: string): Promise<Pick<MaterialBlocker, 'lotId' | 'stepCode' | 'reason'>[]> {
    const rows: { lot_id: string; step_code: string; reason: string }[] = await tx.query(
      `SELECT lot_id, step_code, reason FROM qc_material_blocker WHERE batch_id = $1 ORDER BY used_at`,
      [batchId],
    );
    return rows.map((r) => ({ lotId: r.lot_id, stepCode: r.step_code, reason: r.reason }));
  }
}
