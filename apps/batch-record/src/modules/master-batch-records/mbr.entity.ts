import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MbrFile, StepDefinition } from './mbr-schema';

export type MbrStatus = 'draft' | 'in-review' | 'approved' | 'effective' | 'superseded' | 'retired';

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
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { nullable: true }) disclaimer: string | null;
  @Column('text', { name: 'starting_material', nullable: true }) startingMaterial: string | null;
  @Column('text', { name: 'final_product', nullable: true }) finalProduct: string | null;
  @Column('jsonb', { nullable: true }) document: MbrFile | null;
  @Column('text', { name: 'content_hash', nullable: true }) contentHash: string | null;
  @Column('text', { name: 'imported_by', nullable: true }) importedBy: string | null;
  @Column('timestamptz', { name: 'submitted_at', nullable: true }) submittedAt: Date | null;
  @Column('text', { name: 'submitted_by', nullable: true }) submittedBy: string | null;
  @Column('timestamptz', { name: 'approved_at', nullable: true }) approvedAt: Date | null;
  @Column('text', { name: 'approved_by', nullable: true }) approvedBy: string | null;
  @Column('timestamptz', { name: 'effective_at', nullable: true }) effectiveAt: Date | null;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
}

@Entity('mbr_step')
export class MbrStepEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'mbr_id' }) mbrId: string;
  @Column('int') sequence: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') definition: StepDefinition;
  @Column('text', { name: 'unit_procedure_code', nullable: true }) unitProcedureCode: string | null;
  @Column('text', { name: 'operation_code', nullable: true }) operationCode: string | null;
  @Column('text', { name: 'operation_name', nullable: true }) operationName: string | null;
}
