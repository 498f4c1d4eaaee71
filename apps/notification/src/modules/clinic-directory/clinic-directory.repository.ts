import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClinicBatchEntity } from './clinic-batch.entity';
import { ClinicOrderEntity } from './clinic-order.entity';
import { BatchMapping, ClinicContext, OrderMapping, SubjectRef } from './clinic-directory.types';

@Injectable()
export class ClinicDirectoryRepository {
  /** Serialises every handler touching one order or batch, so an event cannot be parked right after its mapping swept the parked ones. */
  async lockSubject(tx: EntityManager, ref: SubjectRef): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`notification:${ref.kind}:${ref.id}`]);
  }

  async learnOrder(tx: EntityManager, mapping: OrderMapping, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO clinic_order (order_id, clinic_id, coi, slot_date, learned_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET slot_date = COALESCE(EXCLUDED.slot_date, clinic_order.slot_date)`,
      [mapping.orderId, mapping.clinicId, mapping.coi, mapping.slotDate, at],
    );
  }

  async learnBatch(tx: EntityManager, mapping: BatchMapping, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO clinic_batch (batch_id, order_id, clinic_id, coi, lot_number, learned_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (batch_id) DO NOTHING`,
      [mapping.batchId, mapping.orderId, mapping.clinicId, mapping.coi, mapping.lotNumber, at],
    );
  }

  async findContext(tx: EntityManager, ref: SubjectRef): Promise<ClinicContext | null> {
    if (ref.kind === 'order') {
      const order = await tx.getRepository(ClinicOrderEntity).findOneBy({ orderId: ref.id });
      return order && { clinicId: order.clinicId, coi: order.coi, orderId: order.orderId, batchId: null, lotNumber: null };
    }
    const batch = await tx.getRepository(ClinicBatchEntity).findOneBy({ batchId: ref.id });
    return (
      batch && { clinicId: batch.clinicId, coi: batch.coi, orderId: batch.orderId, batchId: batch.batchId, lotNumber: batch.lotNumber }
    );
  }
}
