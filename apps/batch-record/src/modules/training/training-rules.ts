import { RuleViolationProblem } from '@mes/platform';

export interface TrainingFacts {
  validUntil: Date;
  revokedAt: Date | null;
}

/** Refuses a user whose training does not cover the operation now; the refusal names the missing training. */
export function assertTrained(
  record: TrainingFacts | null,
  who: { username: string; name: string },
  operation: { code: string; name: string },
  role: 'perform' | 'verify',
  now: Date,
): void {
  const problem = trainingProblem(record, now);
  if (!problem) return;
  throw new RuleViolationProblem(
    'training-missing',
    `${who.name} (${who.username}) may not ${role} this step: ${problem} for operation ${operation.code} (${operation.name})`,
    [{ field: 'user', reason: `${problem} for ${operation.code}` }],
  );
}

export function trainingProblem(record: TrainingFacts | null, now: Date): string | null {
  if (!record || record.revokedAt) return 'no training record';
  if (record.validUntil.getTime() <= now.getTime()) return `training expired ${record.validUntil.toISOString()}`;
  return null;
}
