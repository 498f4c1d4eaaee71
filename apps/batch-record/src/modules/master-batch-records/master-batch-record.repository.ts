import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MasterBatchRecordEntity, MbrStepEntity } from './mbr.entity';

export interface MbrWithSteps {
  mbr: MasterBatchRecordEntity;
  steps: MbrStepEntity[];
}

@Injectable()
export class MasterBatchRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listWithSteps(tx: EntityManager = this.dataSource.manager): Promise<MbrWithSteps[]> {
    const mbrs = await tx.getRepository(MasterBatchRecordEntity).find({ order: { code: 'ASC', version: 'ASC' } });
    return Promise.all(mbrs.map(async (mbr) => ({ mbr, steps: await this.stepsOf(tx, mbr.id) })));
  }

  /** The version of this code currently effective, if any (at most one, by a partial unique index). */
  async findEffective(tx: EntityManager, code: string): Promise<MbrWithSteps | null> {
    const mbr = await tx.getRepository(MasterBatchRecordEntity).findOneBy({ code, status: 'effective' });
    return mbr ? { mbr, steps: await this.stepsOf(tx, mbr.id) } : null;
  }

  async existsWithCode(tx: EntityManager, code: string): Promise<boolean> {
    return tx.getRepository(MasterBatchRecordEntity).existsBy({ code });
  }

  private stepsOf(tx: EntityManager, mbrId: string): Promise<MbrStepEntity[]> {
    return tx.getRepository(MbrStepEntity).find({ where: { mbrId }, order: { sequence: 'ASC' } });
  }
}
