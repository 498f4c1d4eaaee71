import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TrainingRecordEntity } from './training-record.entity';

@Injectable()
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(tx: EntityManager, username: string, operationCode: string): Promise<TrainingRecordEntity | null> {
    return tx.getRepository(TrainingRecordEntity).findOneBy({ username, operationCode });
  }

  list(filter: { username?: string }, tx: EntityManager = this.dataSource.manager): Promise<TrainingRecordEntity[]> {
    return tx
      .getRepository(TrainingRecordEntity)
      .find({ where: filter.username ? { username: filter.username } : {}, order: { username: 'ASC', operationCode: 'ASC' } });
  }

  async save(tx: EntityManager, record: TrainingRecordEntity): Promise<void> {
    await tx.getRepository(TrainingRecordEntity).save(record);
  }
}
