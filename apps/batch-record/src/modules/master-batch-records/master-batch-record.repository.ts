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

  list(tx: EntityManager = this.dataSource.manager): Promise<MasterBatchRecordEntity[]> {
    return tx.getRepository(MasterBatchRecordEntity).find({ order: { code: 'ASC', version: 'ASC' } });
  }

  async findWithSteps(id: string, tx: EntityManager = this.dataSource.manager): Promise<MbrWithSteps | null> {
    const mbr = await tx.getRepository(MasterBatchRecordEntity).findOneBy({ id });
    return mbr ? { mbr, steps: await this.stepsOf(tx, mbr.id) } : null;
  }

  findByIdForUpdate(tx: EntityManager, id: string): Promise<MasterBatchRecordEntity | null> {
    return tx.getRepository(MasterBatchRecordEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findVersion(tx: EntityManager, code: string, version: number): Promise<MasterBatchRecordEntity | null> {
    return tx.getRepository(MasterBatchRecordEntity).findOneBy({ code, version });
  }

  /** The version of this code currently effective, if any (at most one, by a partial unique index); locked, so two changes serialize. */
  async findEffective(tx: EntityManager, code: string): Promise<MbrWithSteps | null> {
    const mbr = await tx
      .getRepository(MasterBatchRecordEntity)
      .findOne({ where: { code, status: 'effective' }, lock: { mode: 'pessimistic_write' } });
    return mbr ? { mbr, steps: await this.stepsOf(tx, mbr.id) } : null;
  }

  async existsWithCode(tx: EntityManager, code: string): Promise<boolean> {
    return tx.getRepository(MasterBatchRecordEntity).existsBy({ code });
  }

  async save(tx: EntityManager, mbr: MasterBatchRecordEntity): Promise<void> {
    await tx.getRepository(MasterBatchRecordEntity).save(mbr);
  }

  /** Every operation code of every MBR version, for the training matrix. */
  async operations(tx: EntityManager = this.dataSource.manager): Promise<{ code: string; name: string; mbrCodes: string[] }[]> {
    return tx.query(
      `SELECT operation_code AS code, min(operation_name) AS name, array_agg(DISTINCT m.code ORDER BY m.code) AS "mbrCodes"
       FROM mbr_step s JOIN master_batch_record m ON m.id = s.mbr_id WHERE operation_code IS NOT NULL GROUP BY operation_code ORDER BY operation_code`,
    );
  }

  private stepsOf(tx: EntityManager, mbrId: string): Promise<MbrStepEntity[]> {
    return tx.getRepository(MbrStepEntity).find({ where: { mbrId }, order: { sequence: 'ASC' } });
  }
}
