import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeviationClassification = 'minor' | 'major' | 'critical';
export type DeviationSource = 'action-limit' | 'missed-window' | 'hold-time-exceeded' | 'skipped-step' | 'manual';

/** A departure from the approved MBR, linked to its batch and step; QA closes it with a signature. */
@Entity('deviation')
export class DeviationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text', { name: 'step_code', nullable: true }) stepCode: string | null;
  @Column('text') source: DeviationSource;
  @Column('text') classification: DeviationClassification;
  @Column('text') state: 'open' | 'closed';
  @Column('text') title: string;
  @Column('text') description: string;
  @Column('text', { nullable: true }) impact: string | null;
  @Column('text', { nullable: true }) actions: string | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('text', { name: 'opened_by_id' }) openedById: string;
  @Column('text', { name: 'opened_by_name' }) openedByName: string;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @Column('text', { name: 'closed_by_id', nullable: true }) closedById: string | null;
  @Column('text', { name: 'closed_by_name', nullable: true }) closedByName: string | null;
}
