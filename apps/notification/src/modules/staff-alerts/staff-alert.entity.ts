import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@mes/platform';
import { StaffAlertSeverity } from './staff-alert.types';

/** An alert for the facility's staff (never a clinic's): who must look, how urgent, and who acknowledged it. */
@Entity('staff_alert')
export class StaffAlertEntity {
  @PrimaryColumn('uuid') id: string;
  /** Gap-free in commit order (see StaffAlertRepository.insert): streams resume from it. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text') kind: string;
  @Column('text') severity: StaffAlertSeverity;
  @Column('text', { array: true }) audience: Role[];
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('text', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('text', { name: 'lot_number', nullable: true }) lotNumber: string | null;
  @Column('text', { name: 'step_code', nullable: true }) stepCode: string | null;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId: string;
  @Column('text', { name: 'source_event_type' }) sourceEventType: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column('text', { name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
  @Column('text', { name: 'acknowledged_by_name', nullable: true }) acknowledgedByName: string | null;
}
