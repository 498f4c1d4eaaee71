import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TestOrderEntity } from './test-order.entity';

@Injectable()
export class TestOrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless the batch already has an order for this test; returns whether it was inserted. */
  async insertIfAbsent(tx: EntityManager, order: TestOrderEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(TestOrderEntity).values(order).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  listByBatch(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<TestOrderEntity[]> {
    return tx.getRepository(TestOrderEntity).find({ where: { batchId }, order: { testCode: 'ASC' } });
  }

  /** Locks the batch's orders in a fixed order (test code) so concurrent writers never deadlock. */
  lockByBatch(tx: EntityManager, batchId: string): Promise<TestOrderEntity[]> {
    return tx
      .getRepository(TestOrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.batchId = :batchId', { batchId })
      .orderBy('o.testCode', 'ASC')
      .getMany();
  }

  lock(tx: EntityManager, id: string): Promise<TestOrderEntity | null> {
    return tx.getRepository(TestOrderEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async save(tx: EntityManager, order: TestOrderEntity): Promise<void> {
    await tx.getRepository(TestOrderEntity).save(order);
  }

  async closeBatch(tx: EntityManager, batchId: string, at: Date): Promise<void> {
    await tx.getRepository(TestOrderEntity).update({ batchId }, { closedAt: at });
  }
}
