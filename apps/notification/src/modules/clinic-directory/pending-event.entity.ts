import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EventEnvelope } from '@mes/contracts';
import { SubjectKind } from './clinic-directory.types';

/** An event that arrived before the order or batch it names was known; replayed when the read model learns it. */
@Entity('pending_event')
export class PendingEventEntity {
  @PrimaryColumn('bigint', { insert: false, update: false }) seq: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text', { name: 'event_type' }) eventType: string;
  @Column('text', { name: 'subject_kind' }) subjectKind: SubjectKind;
  @Column('uuid', { name: 'subject_id' }) subjectId: string;
  @Column('jsonb') envelope: EventEnvelope;
  @Column('timestamptz', { name: 'parked_at' }) parkedAt: Date;
}
