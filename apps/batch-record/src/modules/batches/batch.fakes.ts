// Batches and steps as a spec needs them, plus the people who act on them (test-only: never imported at run time).
import { AuthUser } from '@mes/platform';
import { StepDefinition } from '../master-batch-records/mbr-schema';
import { BatchEntity, BatchStepEntity, NOT_STARTED } from './batch.entity';

export const BATCH_ID = '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const ORDER_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const COI = 'COI-AB12-CD34';
export const LOT_ID = '11111111-1111-4111-8111-111111111111';

export const OPERATOR: AuthUser = { id: 'u-op', username: 'operator', name: 'Olu Operator', roles: ['operator'], clinicId: null };
export const SUPERVISOR: AuthUser = { id: 'u-sup', username: 'supervisor', name: 'Sam Supervisor', roles: ['supervisor'], clinicId: null };
export const QA: AuthUser = { id: 'u-qa', username: 'qa', name: 'Alex QA', roles: ['qa'], clinicId: null };

export function aBatch(over: Partial<BatchEntity> = {}): BatchEntity {
  return {
    id: BATCH_ID,
    lotNumber: 'HK-2026-0001',
    orderId: ORDER_ID,
    coi: COI,
    clinicId: 'CLINIC-A',
    productCode: 'CD19-CART',
    mbrId: '9f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    mbrCode: 'CD19-CART',
    mbrVersion: 1,
    state: 'in-progress',
    startedAt: new Date('2026-03-01T07:00:00.000Z'),
    startedById: OPERATOR.id,
    startedByName: OPERATOR.name,
    completedAt: null,
    holdReason: null,
    holdKind: null,
    reviewStartedAt: null,
    reviewStartedBy: null,
    reviewedAt: null,
    reviewedById: null,
    reviewedByName: null,
    ...over,
  };
}

export function aStepDefinition(code: string, over: Partial<StepDefinition> = {}): StepDefinition {
  return {
    code,
    name: `Step ${code}`,
    instructions: `Do ${code}`,
    skippable: false,
    requiresCoiScan: false,
    fields: [],
    materials: [],
    equipment: [],
    samples: [],
    signature: { performerRoles: ['operator', 'supervisor'], verifierRequired: false },
    timing: [],
    ...over,
  } as StepDefinition;
}

export function aStep(
  code: string,
  sequence: number,
  over: Partial<BatchStepEntity> = {},
  definition: Partial<StepDefinition> = {},
): BatchStepEntity {
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    batchId: BATCH_ID,
    sequence,
    code,
    name: `Step ${code}`,
    definition: aStepDefinition(code, definition),
    unitProcedureCode: null,
    operationCode: 'OP',
    operationName: 'Operation',
    ...NOT_STARTED,
    ...over,
  };
}
