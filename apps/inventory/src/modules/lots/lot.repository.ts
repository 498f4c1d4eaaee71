import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { LotAuditEntity } from './lot-audit.entity';
import { LotConsumptionEntity } from './lot-consumption.entity';
import { LotEntity, LotStatus } from './lot.entity';

export interface LotFilter {
  materialCode?: string;
  status?: LotStatus;
  limit: number;
}

@Injectable()
export class LotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a lot unless its id exists; returns whether it was inserted (seeding is idempotent). */
  async insert(tx: EntityManager, lot: LotEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(LotEntity).values(lot).orIgnore().returning('id').execute();
    return result.raw.length === 1;
  }

  save(tx: EntityManager, lot: LotEntity): Promise<LotEntity> {
    return tx.getRepository(LotEntity).save(lot);
  }

  /** Locks the row so concurrent status changes and timers serialise on the lot. */
  findForUpdate(tx: EntityManager, id: string): Promise<LotEntity | null> {
    return tx.getRepository(LotEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<LotEntity | null> {
    return tx.getRepository(LotEntity).findOneBy({ id });
  }

  list(filter: LotFilter, tx: EntityManager = this.dataSource.manager): Promise<LotEntity[]> {
    const where: FindOptionsWhere<LotEntity> = {};
    if (filter.materialCode) where.materialCode = filter.materialCode;
    if (filter.status) where.status = filter.status;
    return tx.getRepository(LotEntity).find({ where, order: { receivedAt: 'DESC', id: 'ASC' }, take: filter.limit });
  }

  /** Records a consumption once per (event, action); returns false when it was already recorded (nothing else may change then). */
  async insertConsumption(tx: EntityManager, consumption: LotConsumptionEntity): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(LotConsumptionEntity)
      .values(consumption)
      .orIgnore()
      .returning('id')
      .execute();
    return result.raw.length === 1;
  }

  consumptions(lotId: string, tx: EntityManager = this.dataSource.manager): Promise<LotConsumptionEntity[]> {
    return tx.getRepository(LotConsumptionEntity).find({ where: { lotId }, order: { consumedAt: 'ASC', recordedAt: 'ASC' } });
  }

  /** The lot's entries in the old, not hash-chained lot_audit table (written before inventory moved to the platform audit trail). */
  legacyAuditTrail(lotId: string, tx: EntityManager = this.dataSource.manager): Promise<LotAuditEntity[]> {
    return tx.getRepository(LotAuditEntity).find({ where: { lotId }, order: { seq: 'ASC' } });
  }
}
