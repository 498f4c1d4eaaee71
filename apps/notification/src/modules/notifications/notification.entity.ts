import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Severity } from './notification.types';

@Entity('notification')
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  /** Gap-free in commit order (see NotificationRepository.insert): streams resume from it. */
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text') kind: string;
  @Column('text') severity: Severity;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('uuid', { name: 'order_id', nullable: true }) orderId: string | null;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('text') coi: string;
  @Column('text', { name: 'step_code', nullable: true }) stepCode: string | null;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId: string;
  @Column('text', { name: 'source_event_type' }) sourceEventType: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column('text', { name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
}
