import { BatchStepEntity } from './batch.entity';

/** What a step's signatures cover: the recorded data. Change any of it (a correction) and earlier signatures show as invalid. */
export function stepSignedContent(step: BatchStepEntity) {
  return {
    batchId: step.batchId,
    stepCode: step.code,
    sequence: step.sequence,
    values: step.values,
    materialsUsed: step.materialsUsed,
    equipmentUsed: step.equipmentUsed,
    scannedCoi: step.scannedCoi,
    performedBy: step.completedById,
  };
}

/** The fields an audit entry of a step execution records. */
export function executionFields(step: BatchStepEntity) {
  const { state, values, valueFlags, materialsUsed, equipmentUsed, scannedCoi, startedAt, startedById, completedAt, completedById, completedByName, decisionRequired, decision, verifiedAt, verifiedById, skippedReason } = step;
  return { state, values, valueFlags, materialsUsed, equipmentUsed, scannedCoi, startedAt, startedById, completedAt, completedById, completedByName, decisionRequired, decision, verifiedAt, verifiedById, skippedReason };
}
