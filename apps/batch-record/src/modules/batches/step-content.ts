import { AuthUser } from '@mes/platform';
import { SignatureMeaning } from '../signatures/signature.entity';
import { SignRequest } from '../signatures/signature.service';
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
  const {
    state,
    values,
    valueFlags,
    materialsUsed,
    equipmentUsed,
    scannedCoi,
    startedAt,
    startedById,
    completedAt,
    completedById,
    completedByName,
    decisionRequired,
    decision,
    verifiedAt,
    verifiedById,
    skippedReason,
  } = step;
  return {
    state,
    values,
    valueFlags,
    materialsUsed,
    equipmentUsed,
    scannedCoi,
    startedAt,
    startedById,
    completedAt,
    completedById,
    completedByName,
    decisionRequired,
    decision,
    verifiedAt,
    verifiedById,
    skippedReason,
  };
}

/** A signature on a step: `content` defaults to the step's recorded data (decisions and skips add what was decided). */
export function stepSignature(
  step: BatchStepEntity,
  signer: AuthUser,
  meaning: SignatureMeaning,
  comment: string | null,
  content: Record<string, unknown> = stepSignedContent(step),
): SignRequest {
  return { signer, subjectType: 'batch-step', subjectId: step.id, batchId: step.batchId, meaning, content, comment };
}
