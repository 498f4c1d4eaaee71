import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StepDefinition } from '../master-batch-records/mbr-schema';
import { EquipmentScanRecord } from './rules/equipment-scans';
import { MaterialScanRecord } from './rules/material-scans';
import { StepValue, ValueFlag } from './rules/step-values';

export type BatchState = 'created' | 'in-progress' | 'on-hold' | 'complete' | 'under-review' | 'reviewed';
export type StepState = 'pending' | 'in-progress' | 'completed' | 'verified' | 'skipped';

export interface StepDecision {
  decision: 'continue';
  reason: string;
  byId: string;
  byName: string;
  at: string;
  signatureId: string;
}

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
  @Column('text', { name: 'hold_reason', nullable: true }) holdReason: string | null;
  /** decision: set by the system until a supervisor decides an excursion; manual: set by a person, lifted only by a signed resume. */
  @Column('text', { name: 'hold_kind', nullable: true }) holdKind: 'decision' | 'manual' | null;
  @Column('timestamptz', { name: 'review_started_at', nullable: true }) reviewStartedAt: Date | null;
  @Column('text', { name: 'review_started_by', nullable: true }) reviewStartedBy: string | null;
  @Column('timestamptz', { name: 'reviewed_at', nullable: true }) reviewedAt: Date | null;
  @Column('text', { name: 'reviewed_by_id', nullable: true }) reviewedById: string | null;
  @Column('text', { name: 'reviewed_by_name', nullable: true }) reviewedByName: string | null;
}

/** A step of a batch: a frozen copy of the MBR step plus everything recorded while executing it. */
@Entity('batch_step')
export class BatchStepEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('int') sequence: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('jsonb') definition: StepDefinition;
  @Column('text') state: StepState;
  @Column('text', { name: 'unit_procedure_code', nullable: true }) unitProcedureCode: string | null;
  @Column('text', { name: 'operation_code', nullable: true }) operationCode: string | null;
  @Column('text', { name: 'operation_name', nullable: true }) operationName: string | null;
  @Column('jsonb', { nullable: true }) values: Record<string, StepValue> | null;
  @Column('jsonb', { name: 'value_flags', nullable: true }) valueFlags: Record<string, ValueFlag> | null;
  @Column('jsonb', { name: 'materials_used', nullable: true }) materialsUsed: MaterialScanRecord[] | null;
  @Column('jsonb', { name: 'equipment_used', nullable: true }) equipmentUsed: EquipmentScanRecord[] | null;
  @Column('text', { name: 'scanned_coi', nullable: true }) scannedCoi: string | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('text', { name: 'started_by_id', nullable: true }) startedById: string | null;
  @Column('text', { name: 'started_by_name', nullable: true }) startedByName: string | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { name: 'completed_by_id', nullable: true }) completedById: string | null;
  @Column('text', { name: 'completed_by_name', nullable: true }) completedByName: string | null;
  @Column('boolean', { name: 'decision_required' }) decisionRequired: boolean;
  @Column('jsonb', { nullable: true }) decision: StepDecision | null;
  @Column('timestamptz', { name: 'verified_at', nullable: true }) verifiedAt: Date | null;
  @Column('text', { name: 'verified_by_id', nullable: true }) verifiedById: string | null;
  @Column('text', { name: 'verified_by_name', nullable: true }) verifiedByName: string | null;
  @Column('text', { name: 'skipped_reason', nullable: true }) skippedReason: string | null;
}

/** What a step records before anyone has worked on it: a new batch's steps start from this. */
export const NOT_STARTED = {
  state: 'pending',
  values: null,
  valueFlags: null,
  materialsUsed: null,
  equipmentUsed: null,
  scannedCoi: null,
  startedAt: null,
  startedById: null,
  startedByName: null,
  completedAt: null,
  completedById: null,
  completedByName: null,
  decisionRequired: false,
  decision: null,
  verifiedAt: null,
  verifiedById: null,
  verifiedByName: null,
  skippedReason: null,
} as const satisfies Partial<BatchStepEntity>;
