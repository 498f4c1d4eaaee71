import { Column, Entity, PrimaryColumn } from 'typeorm';

export const EQUIPMENT_STATUSES = ['in-service', 'out-of-service', 'retired'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/** A registered piece of equipment; calibration_due_at null means it is not subject to calibration. */
@Entity('equipment')
export class EquipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'asset_tag' }) assetTag: string;
  @Column('text') type: string;
  @Column('text') name: string;
  @Column('text') status: EquipmentStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('timestamptz', { name: 'calibration_due_at', nullable: true }) calibrationDueAt: Date | null;
  @Column('timestamptz', { name: 'last_calibrated_at', nullable: true }) lastCalibratedAt: Date | null;
  @Column('text', { name: 'calibration_certificate', nullable: true }) calibrationCertificate: string | null;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt: Date;
  @Column('text', { name: 'registered_by' }) registeredBy: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
}
