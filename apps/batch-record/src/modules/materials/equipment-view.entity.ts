import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What inventory has told us about a piece of equipment: the batch record's only source for "may this be used". */
@Entity('equipment_view')
export class EquipmentViewEntity {
  @PrimaryColumn('uuid', { name: 'equipment_id' }) equipmentId: string;
  @Column('text', { name: 'asset_tag' }) assetTag: string;
  @Column('text') type: string;
  @Column('text') name: string;
  @Column('text') status: string;
  @Column('timestamptz', { name: 'calibration_due_at', nullable: true }) calibrationDueAt: Date | null;
  /** When inventory made the change; an older event never overwrites a newer state. */
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
