import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StepDefinition } from '../master-batch-records/step-definition';
import { StepValue } from './rules/step-values';
import { MaterialScan } from './rules/material-scans';

export type BatchState = 'in-progress' | 'complete';

/** One patient's manufacturing lot, executed against the MBR version it started with. */
@Entity('batch')
export class BatchEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'lot_number' }) lotNumber: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text') coi: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text', { name: 'product_code' }) productCode: string;
  @Column('uuid', { name: 'mbr_id' }) mbrId: string;
  @Column('text', { name: 'mbr_code' }) mbrCode: string;
  @Column('int', { name: 'mbr_version' }) mbrVersion: number;
  @Column('text') state: BatchState;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('text', { name: 'started_by_id' }) startedById: string;
  @Column('text', { name: 'started_by_name' }) startedByName: string;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}

/** A step of a batch: a frozen copy of the MBR step plus what the operator recorded when completing it. */
@Entity('batch_step')
export class BatchStepEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('int') sequence: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') definition: StepDefinition;
  @Column('jsonb', { nullable: true }) values: Record<string, StepValue> | null;
  @Column('jsonb', { name: 'materials_used', nullable: true }) materialsUsed: MaterialScan[] | null;
  @Column('text', { name: 'scanned_coi', nullable: true }) scannedCoi: string | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { name: 'completed_by_id', nullable: true }) completedById: string | null;
  @Column('text', { name: 'completed_by_name', nullable: true }) completedByName: string | null;
}
