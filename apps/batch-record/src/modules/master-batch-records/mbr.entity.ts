import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StepDefinition } from './step-definition';

export type MbrStatus = 'draft' | 'effective' | 'superseded' | 'retired';

/** One version of a master batch record: the approved recipe a batch is executed against. */
@Entity('master_batch_record')
export class MasterBatchRecordEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('int') version: number;
  @Column('text', { name: 'product_code' }) productCode: string;
  @Column('text') name: string;
  @Column('text') status: MbrStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}

@Entity('mbr_step')
export class MbrStepEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'mbr_id' }) mbrId: string;
  @Column('int') sequence: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') definition: StepDefinition;
}
