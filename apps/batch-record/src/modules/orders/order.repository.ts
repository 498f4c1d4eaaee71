import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrderEntity } from './order.entity';
import { ViewerScope } from '@mes/platform';

@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless the COI is taken; a taken COI is reported (false) without aborting the transaction. */
  async insertIfCoiFree(tx: EntityManager, order: OrderEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(OrderEntity).values(order).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<OrderEntity | null> {
    return tx.getRepository(OrderEntity).findOneBy({ id });
  }

  /** Locks the order row until the transaction ends, so two receipts or two batch starts serialize. */
  findByIdForUpdate(tx: EntityManager, id: string): Promise<OrderEntity | null> {
    return tx.getRepository(OrderEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  list(scope: ViewerScope, limit: number, tx: EntityManager = this.dataSource.manager): Promise<OrderEntity[]> {
    return tx.getRepository(OrderEntity).find({
      where: scope.kind === 'clinic' ? { clinicId: scope.clinicId } : {},
      order: { placedAt: 'DESC' },
      take: limit,
    });
  }

  async save(tx: EntityManager, order: OrderEntity): Promise<void> {
    await tx.getRepository(OrderEntity).save(order);
  }
}
