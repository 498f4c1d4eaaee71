import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DispositionEntity } from './disposition.entity';

@Injectable()
export class DispositionRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<DispositionEntity | null> {
    return tx.getRepository(DispositionEntity).findOneBy({ batchId });
  }

  async insert(tx: EntityManager, disposition: DispositionEntity): Promise<void> {
    await tx.getRepository(DispositionEntity).insert(disposition);
  }
}
