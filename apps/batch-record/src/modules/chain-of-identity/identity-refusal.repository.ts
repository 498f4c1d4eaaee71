import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { IdentityRefusalEntity } from './identity-refusal.entity';

@Injectable()
export class IdentityRefusalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, refusal: IdentityRefusalEntity): Promise<void> {
    await tx.getRepository(IdentityRefusalEntity).insert(refusal);
  }

  listForOrder(orderId: string, tx: EntityManager = this.dataSource.manager): Promise<IdentityRefusalEntity[]> {
    return tx.getRepository(IdentityRefusalEntity).find({ where: { orderId }, order: { occurredAt: 'ASC' } });
  }
}
