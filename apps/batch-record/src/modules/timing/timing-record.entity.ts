import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One timing window or hold time of a running batch: open until the constrained step starts (window) or completes (hold). */
@Entity('timing_record')
export class TimingRecordEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text') code: string;
  @Column('text') kind: 'window' | 'hold';
  @Column('text') description: string;
  @Column('text', { name: 'step_code' }) stepCode: string;
  @Column('text', { name: 'after_step' }) afterStep: string;
  @Column('timestamptz', { name: 'earliest_at', nullable: true }) earliestAt: Date | null;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'warn_at', nullable: true }) warnAt: Date | null;
  @Column('text') state: 'open' | 'met' | 'missed' | 'cancelled';
  @Column('timestamptz', { name: 'warned_at', nullable: true }) warnedAt: Date | null;
  @Column('timestamptz', { name: 'met_at', nullable: true }) metAt: Date | null;
  @Column('boolean') late: boolean;
  @Column('uuid', { name: 'deviation_id', nullable: true }) deviationId: string | null;
}
