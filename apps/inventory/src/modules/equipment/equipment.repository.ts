import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { EquipmentCalibrationEntity } from './equipment-calibration.entity';
import { EquipmentEntity, EquipmentStatus } from './equipment.entity';

export interface EquipmentFilter {
  type?: string;
  status?: EquipmentStatus;
  assetTag?: string;
  limit: number;
}

@Injectable()
export class EquipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless the id or the asset tag exists; returns whether it was inserted (seeding is idempotent, tags are unique). */
  async insert(tx: EntityManager, equipment: EquipmentEntity): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(EquipmentEntity).values(equipment).orIgnore().returning('id').execute();
    return result.raw.length === 1;
  }

  save(tx: EntityManager, equipment: EquipmentEntity): Promise<EquipmentEntity> {
    return tx.getRepository(EquipmentEntity).save(equipment);
  }

  /** Locks the row so concurrent changes serialise and its events leave the outbox in commit order. */
  findForUpdate(tx: EntityManager, id: string): Promise<EquipmentEntity | null> {
    return tx.getRepository(EquipmentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<EquipmentEntity | null> {
    return tx.getRepository(EquipmentEntity).findOneBy({ id });
  }

  list(filter: EquipmentFilter, tx: EntityManager = this.dataSource.manager): Promise<EquipmentEntity[]> {
    const where: FindOptionsWhere<EquipmentEntity> = {};
    if (filter.type) where.type = filter.type;
    if (filter.status) where.status = filter.status;
    if (filter.assetTag) where.assetTag = filter.assetTag;
    return tx.getRepository(EquipmentEntity).find({ where, order: { assetTag: 'ASC' }, take: filter.limit });
  }

  async insertCalibration(tx: EntityManager, calibration: EquipmentCalibrationEntity): Promise<void> {
    await tx.getRepository(EquipmentCalibrationEntity).insert(calibration);
  }

  calibrations(equipmentId: string, tx: EntityManager = this.dataSource.manager): Promise<EquipmentCalibrationEntity[]> {
    return tx
      .getRepository(EquipmentCalibrationEntity)
      .find({ where: { equipmentId }, order: { calibratedAt: 'DESC', recordedAt: 'DESC' } });
  }
}
