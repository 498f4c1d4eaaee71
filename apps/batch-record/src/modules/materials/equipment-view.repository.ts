import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { EquipmentViewEntity } from './equipment-view.entity';

@Injectable()
export class EquipmentViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Full-state upsert; an event older than what we hold (by inventory's change time) is ignored. */
  async apply(tx: EntityManager, e: Omit<EquipmentViewEntity, 'updatedAt'>, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO equipment_view (equipment_id, asset_tag, type, name, status, calibration_due_at, changed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (equipment_id) DO UPDATE SET asset_tag = EXCLUDED.asset_tag, type = EXCLUDED.type, name = EXCLUDED.name, status = EXCLUDED.status,
         calibration_due_at = EXCLUDED.calibration_due_at, changed_at = EXCLUDED.changed_at, updated_at = EXCLUDED.updated_at
       WHERE equipment_view.changed_at <= EXCLUDED.changed_at`,
      [e.equipmentId, e.assetTag, e.type, e.name, e.status, e.calibrationDueAt, e.changedAt, now],
    );
  }

  async findByTags(tx: EntityManager, tags: string[]): Promise<Map<string, EquipmentViewEntity>> {
    if (tags.length === 0) return new Map();
    const rows = await tx.getRepository(EquipmentViewEntity).findBy({ assetTag: In(tags) });
    return new Map(rows.map((r) => [r.assetTag, r]));
  }

  list(): Promise<EquipmentViewEntity[]> {
    return this.dataSource.getRepository(EquipmentViewEntity).find({ order: { type: 'ASC', assetTag: 'ASC' } });
  }
}
