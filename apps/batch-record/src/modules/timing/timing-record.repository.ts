import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
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

  findById(tx: EntityManager, id: string): Promise<TimingRecordEntity | null> {
    return tx.getRepository(TimingRecordEntity).findOneBy({ id });
  }

  /** The open windows and holds of one step (of one kind, when given). */
  openFor(tx: EntityManager, batchId: string, stepCode: string, kind?: 'window' | 'hold'): Promise<TimingRecordEntity[]> {
    return tx.getRepository(TimingRecordEntity).find({ where: { batchId, stepCode, state: 'open', ...(kind ? { kind } : {}) } });
  }

  forBatches(batchIds: string[], tx: EntityManager = this.dataSource.manager): Promise<TimingRecordEntity[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(TimingRecordEntity).find({ where: { batchId: In(batchIds) }, order: { dueAt: 'ASC' } });
  }
}
