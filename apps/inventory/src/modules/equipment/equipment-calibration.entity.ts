import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One calibration of a piece of equipment, with its certificate; the latest sets the equipment's due date. */
@Entity('equipment_calibration')
export class EquipmentCalibrationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'equipment_id' }) equipmentId: string;
  @Column('timestamptz', { name: 'calibrated_at' }) calibratedAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('text', { name: 'certificate_ref' }) certificateRef: string;
  @Column('text', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}
