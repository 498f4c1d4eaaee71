import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { BatchEntity, BatchStepEntity } from '../batches/batch.entity';
import { TimingRecordEntity } from './timing-record.entity';

@Injectable()
export class TimingRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, record: TimingRecordEntity): Promise<void> {
    await tx.getRepository(TimingRecordEntity).insert(record);
  }

  async save(tx: EntityManager, record: TimingRecordEntity): Promise<void> {
    await tx.getRepository(TimingRecordEntity).save(record);
  }

  async cancel(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(TimingRecordEntity).update(id, { state: 'cancelled' });
  }

  forBatches(batchIds: string[], tx: EntityManager = this.dataSource.manager): Promise<TimingRecordEntity[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(TimingRecordEntity).find({ where: { batchId: In(batchIds) }, order: { dueAt: 'ASC' } });
  }

  openFor(tx: EntityManager, batchId: string, stepCode: string, kind?: 'window' | 'hold'): Promise<TimingRecordEntity[]> {
    return tx.getRepository(TimingRecordEntity).find({ where: { batchId, stepCode, state: 'open', ...(kind ? { kind } : {}) } });
  }

  /** Batch row first (the batch's lock order), then the record and its step; null if the record is no longer open. */
  async lockOpen(tx: EntityManager, recordId: string) {
    const peek = await tx.getRepository(TimingRecordEntity).findOneBy({ id: recordId });
    if (!peek) return null;
    const batch = await tx.getRepository(BatchEntity).findOne({ where: { id: peek.batchId }, lock: { mode: 'pessimistic_write' } });
    const record = await tx.getRepository(TimingRecordEntity).findOneBy({ id: recordId });
    if (!batch || !record || record.state !== 'open') return null;
    const step = await tx.getRepository(BatchStepEntity).findOneByOrFail({ batchId: batch.id, code: record.stepCode });
    return { record, batch, step };
  }
}
