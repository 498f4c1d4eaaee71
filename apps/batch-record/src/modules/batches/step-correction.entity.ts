import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StepValue } from './rules/step-values';

/** A correction of a recorded value: the old value stays, with who, when and why (ALCOA+: nothing is overwritten silently). */
@Entity('step_correction')
export class StepCorrectionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('uuid', { name: 'step_id' }) stepId: string;
  @Column('text') field: string;
  @Column('jsonb', { name: 'old_value', nullable: true }) oldValue: StepValue | null;
  @Column('jsonb', { name: 'new_value' }) newValue: StepValue;
  @Column('text') reason: string;
  @Column('timestamptz', { name: 'corrected_at' }) correctedAt: Date;
  @Column('text', { name: 'by_id' }) byId: string;
  @Column('text', { name: 'by_name' }) byName: string;
}
