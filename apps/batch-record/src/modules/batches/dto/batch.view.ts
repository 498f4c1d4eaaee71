import { ActionDefinition, FieldDefinition, MaterialLine } from '../../master-batch-records/step-definition';
import { BatchEntity, BatchStepEntity } from '../batch.entity';
import { MaterialScan } from '../rules/material-scans';
import { StepState, stepStates } from '../rules/step-sequence';
import { StepValue } from '../rules/step-values';

export interface BatchStepView {
  sequence: number;
  code: string;
  name: string;
  state: StepState;
  requiresCoiScan: boolean;
  fields: FieldDefinition[];
  materials: MaterialLine[];
  actions: ActionDefinition[];
  values: Record<string, StepValue> | null;
  materialsUsed: MaterialScan[] | null;
  completedAt: string | null;
  completedBy: { id: string; name: string } | null;
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
  startedAt: string;
  startedBy: { id: string; name: string };
  completedAt: string | null;
  steps: BatchStepView[];
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
  steps: { sequence: number; code: string; name: string; state: StepState; completedAt: string | null }[];
}

const withProgress = (steps: BatchStepEntity[]) => stepStates(steps.map((s) => ({ ...s, completed: s.completedAt !== null })));

export function toBatchView(batch: BatchEntity, steps: BatchStepEntity[]): BatchView {
  return {
    id: batch.id,
    lotNumber: batch.lotNumber,
    orderId: batch.orderId,
    coi: batch.coi,
    clinicId: batch.clinicId,
    productCode: batch.productCode,
    mbr: { id: batch.mbrId, code: batch.mbrCode, version: batch.mbrVersion },
    state: batch.state,
    startedAt: batch.startedAt.toISOString(),
    startedBy: { id: batch.startedById, name: batch.startedByName },
    completedAt: batch.completedAt?.toISOString() ?? null,
    steps: withProgress(steps).map(({ step, state }) => ({
      sequence: step.sequence,
      code: step.code,
      name: step.name,
      state,
      requiresCoiScan: step.definition.requiresCoiScan,
      fields: step.definition.fields,
      materials: step.definition.materials,
      actions: step.definition.actions,
      values: step.values,
      materialsUsed: step.materialsUsed,
      completedAt: step.completedAt?.toISOString() ?? null,
      completedBy: step.completedById ? { id: step.completedById, name: step.completedByName ?? '' } : null,
    })),
  };
}

export function toClinicBatchView(batch: BatchEntity, steps: BatchStepEntity[]): ClinicBatchView {
  const states = withProgress(steps);
  return {
    id: batch.id,
    lotNumber: batch.lotNumber,
    orderId: batch.orderId,
    coi: batch.coi,
    state: batch.state,
    startedAt: batch.startedAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
    progress: { completed: states.filter((s) => s.state === 'completed').length, total: states.length },
    steps: states.map(({ step, state }) => ({
      sequence: step.sequence,
      code: step.code,
      name: step.name,
      state,
      completedAt: step.completedAt?.toISOString() ?? null,
    })),
  };
}

