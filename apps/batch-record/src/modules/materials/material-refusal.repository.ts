import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MaterialRefusalEntity } from './material-refusal.entity';

@Injectable()
export class MaterialRefusalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, refusal: MaterialRefusalEntity): Promise<void> {
    await tx.getRepository(MaterialRefusalEntity).insert(refusal);
  }

  listForBatch(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<MaterialRefusalEntity[]> {
    return tx.getRepository(MaterialRefusalEntity).find({ where: { batchId }, order: { occurredAt: 'ASC' } });
  }
}
