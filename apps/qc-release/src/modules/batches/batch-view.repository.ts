import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BatchViewEntity } from './batch-view.entity';

export interface BatchStartedFacts {
  batchId: string;
  lotNumber: string;
  orderId: string;
  coi: string;
  clinicId: string;
  mbrCode: string;
  mbrVersion: number;
  startedAt: Date;
}

export interface BatchCompletedFacts {
  batchId: string;
  orderId: string;
  coi: string;
  clinicId: string;
  completedAt: Date;
}

@Injectable()
export class BatchViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<BatchViewEntity | null> {
    return tx.getRepository(BatchViewEntity).findOneBy({ batchId });
  }

  /** Upsert: the completion may have been seen first (different partitions), so keep what it wrote. */
  async recordStarted(tx: EntityManager, f: BatchStartedFacts): Promise<void> {
    await tx.query(
      `INSERT INTO qc_batch_view (batch_id, lot_number, order_id, coi, clinic_id, mbr_code, mbr_version, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (batch_id) DO UPDATE SET lot_number = EXCLUDED.lot_number, order_id = EXCLUDED.order_id, coi = EXCLUDED.coi,
         clinic_id = EXCLUDED.clinic_id, mbr_code = EXCLUDED.mbr_code, mbr_version = EXCLUDED.mbr_version, started_at = EXCLUDED.started_at`,
      [f.batchId, f.lotNumber, f.orderId, f.coi, f.clinicId, f.mbrCode, f.mbrVersion, f.startedAt],
    );
  }

  async recordCompleted(tx: EntityManager, f: BatchCompletedFacts): Promise<void> {
    await tx.query(
      `INSERT INTO qc_batch_view (batch_id, order_id, coi, clinic_id, completed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (batch_id) DO UPDATE SET completed_at = EXCLUDED.completed_at`,
      [f.batchId, f.orderId, f.coi, f.clinicId, f.completedAt],
    );
  }
}
