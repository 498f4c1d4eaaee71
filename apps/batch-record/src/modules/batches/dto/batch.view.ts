import { StepDefinition } from '../../master-batch-records/mbr-schema';
import { SignatureView } from '../../signatures/signature-content';
import { BatchEntity, BatchStepEntity, StepDecision } from '../batch.entity';
import { EquipmentScanRecord } from '../rules/equipment-scans';
import { MaterialScanRecord } from '../rules/material-scans';
import { StepViewState, viewState } from '../rules/step-states';
import { StepValue, ValueFlag } from '../rules/step-values';

export interface BatchStepView {
  sequence: number;
  code: string;
  name: string;
  unitProcedureCode: string | null;
  operationCode: string | null;
  operationName: string | null;
  state: StepViewState;
  definition: StepDefinition;
  values: Record<string, StepValue> | null;
  valueFlags: Record<string, ValueFlag> | null;
  materialsUsed: MaterialScanRecord[] | null;
  equipmentUsed: EquipmentScanRecord[] | null;
  scannedCoi: string | null;
  startedAt: string | null;
  startedBy: { id: string; name: string } | null;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
  verifiedAt: string | null;
  verifiedBy: { id: string; name: string } | null;
  decisionRequired: boolean;
  decision: StepDecision | null;
  skippedReason: string | null;
  signatures: SignatureView[];
}

export interface TimingView {
  code: string;
  kind: 'window' | 'hold';
  description: string;
  stepCode: string;
  afterStep: string;
  earliestAt: string | null;
  dueAt: string;
  state: string;
  late: boolean;
  deviationId: string | null;
}

export interface BatchView {
  id: string;
  lotNumber: string;
  orderId: string;
  coi: string;
  clinicId: string;
  productCode: string;
  mbr: { id: string; code: string; version: number };
  state: BatchEntity['state'];
  holdReason: string | null;
  startedAt: string;
  startedBy: { id: string; name: string };
  completedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: { id: string; name: string } | null;
  progress: { done: number; total: number };
  steps: BatchStepView[];
  timing: TimingView[];
}

/** What a clinic may see of its own patient's batch: progress, not readings, lots or operators. */
export interface ClinicBatchView {
  id: string;
  lotNumber: string;
  orderId: string;
  coi: string;
  state: BatchEntity['state'];
  startedAt: string;
  completedAt: string | null;
  progress: { completed: number; total: number };
  steps: { sequence: number; code: string; name: string; state: StepViewState; completedAt: string | null }[];
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const isDoneState = (s: StepViewState) => s === 'completed' || s === 'verified' || s === 'skipped';

export function toBatchView(
  batch: BatchEntity,
  steps: BatchStepEntity[],
  signatures: Map<string, SignatureView[]>,
  timing: TimingView[],
): BatchView {
  const stepViews = steps.map((step): BatchStepView => ({
    sequence: step.sequence,
    code: step.code,
    name: step.name,
    unitProcedureCode: step.unitProcedureCode,
    operationCode: step.operationCode,
    operationName: step.operationName,
    state: viewState(steps, step, batch.state),
    definition: step.definition,
    values: step.values,
    valueFlags: step.valueFlags,
    materialsUsed: step.materialsUsed,
    equipmentUsed: step.equipmentUsed,
    scannedCoi: step.scannedCoi,
    startedAt: iso(step.startedAt),
    startedBy: person(step.startedById, step.startedByName),
    completedAt: iso(step.completedAt),
    completedBy: person(step.completedById, step.completedByName),
    verifiedAt: iso(step.verifiedAt),
    verifiedBy: person(step.verifiedById, step.verifiedByName),
    decisionRequired: step.decisionRequired,
    decision: step.decision,
    skippedReason: step.skippedReason,
    signatures: signatures.get(step.id) ?? [],
  }));
  return {
    id: batch.id,
    lotNumber: batch.lotNumber,
    orderId: batch.orderId,
    coi: batch.coi,
    clinicId: batch.clinicId,
    productCode: batch.productCode,
    mbr: { id: batch.mbrId, code: batch.mbrCode, version: batch.mbrVersion },
    state: batch.state,
    holdReason: batch.holdReason,
    startedAt: batch.startedAt.toISOString(),
    startedBy: { id: batch.startedById, name: batch.startedByName },
    completedAt: iso(batch.completedAt),
    reviewedAt: iso(batch.reviewedAt),
    reviewedBy: person(batch.reviewedById, batch.reviewedByName),
    progress: { done: stepViews.filter((s) => isDoneState(s.state)).length, total: stepViews.length },
    steps: stepViews,
    timing,
  };
}

export function toClinicBatchView(batch: BatchEntity, steps: BatchStepEntity[]): ClinicBatchView {
  const states = steps.map((s) => ({ step: s, state: viewState(steps, s, batch.state) }));
  return {
    id: batch.id,
    lotNumber: batch.lotNumber,
    orderId: batch.orderId,
    coi: batch.coi,
    state: batch.state,
    startedAt: batch.startedAt.toISOString(),
    completedAt: iso(batch.completedAt),
    progress: { completed: states.filter((s) => isDoneState(s.state)).length, total: states.length },
    steps: states.map(({ step, state }) => ({
      sequence: step.sequence,
      code: step.code,
      name: step.name,
      state,
      completedAt: iso(step.completedAt),
    })),
  };
}
