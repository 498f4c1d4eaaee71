import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApheresisUnitEntity } from './apheresis-unit.entity';
import { OrderBatchStartEntity } from './order-batch-start.entity';

@Injectable()
export class ApheresisRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises receipt and batch start of one order: they come on different topics and may be handled at the same moment. */
  async lockOrder(tx: EntityManager, orderId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`apheresis-order-${orderId}`]);
  }

  /** Inserts the unit unless one exists for the order; returns whether it was inserted. */
  async insert(tx: EntityManager, unit: ApheresisUnitEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(ApheresisUnitEntity).values(unit).orIgnore().returning('order_id').execute();
    return result.raw.length === 1;
  }

  save(tx: EntityManager, unit: ApheresisUnitEntity): Promise<ApheresisUnitEntity> {
    return tx.getRepository(ApheresisUnitEntity).save(unit);
  }

  findForUpdate(tx: EntityManager, orderId: string): Promise<ApheresisUnitEntity | null> {
    return tx.getRepository(ApheresisUnitEntity).findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
  }

  findByOrder(orderId: string, tx: EntityManager = this.dataSource.manager): Promise<ApheresisUnitEntity | null> {
    return tx.getRepository(ApheresisUnitEntity).findOneBy({ orderId });
  }

  /** The first start of a batch for the order wins; a redelivered or repeated start changes nothing. */
  async recordBatchStart(tx: EntityManager, start: OrderBatchStartEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(OrderBatchStartEntity).values(start).orIgnore().execute();
  }

  findBatchStart(tx: EntityManager, orderId: string): Promise<OrderBatchStartEntity | null> {
    return tx.getRepository(OrderBatchStartEntity).findOneBy({ orderId });
  }
}
