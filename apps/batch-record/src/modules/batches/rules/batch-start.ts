import { RuleViolationProblem } from '@mes/platform';

/** Lot numbers read `L<yy><seq>`, the sequence restarting each year and zero-padded to at least four digits. */
export function formatLotNumber(now: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`invalid lot sequence ${sequence}`);
  return `L${String(now.getUTCFullYear() % 100).padStart(2, '0')}${String(sequence).padStart(4, '0')}`;
}

/** Fresh apheresis must enter manufacturing within its hold time from collection. */
export function assertWithinHoldTime(collectedAt: Date, holdTimeHours: number, now: Date): void {
  const holdUntil = new Date(collectedAt.getTime() + holdTimeHours * 3_600_000);
  if (now.getTime() > holdUntil.getTime()) {
    throw new RuleViolationProblem('apheresis-hold-expired', `The apheresis hold time ended at ${holdUntil.toISOString()}`, [
      { field: 'orderId', reason: `apheresis collected at ${collectedAt.toISOString()} is past its ${holdTimeHours} h hold time` },
    ]);
  }
}
