import { AuthUser, RuleViolationProblem } from '@mes/platform';

export interface CoiScan {
  expectedCoi: string;
  scannedCoi: string;
  orderId: string;
  batchId: string | null;
  /** Where the scan happened, e.g. `apheresis-receipt` or `step:COI-CHECK`. */
  context: string;
  user: AuthUser;
}

/** Refuses a scan that does not match; carries the scan so the refusal can be recorded after the rollback. */
export class CoiMismatch extends RuleViolationProblem {
  constructor(readonly scan: CoiScan) {
    // The expected COI is not echoed back: the operator must scan the physical label, not copy the answer.
    super('coi-mismatch', 'The scanned chain-of-identity does not match this record; nothing was changed', [
      { field: 'scannedCoi', reason: 'does not match the chain of identity of this order' },
    ]);
  }
}

/** Exact comparison on purpose: a COI is never trimmed, case-folded or otherwise "fixed up". */
export function assertCoiMatches(scan: CoiScan): void {
  if (scan.scannedCoi !== scan.expectedCoi) throw new CoiMismatch(scan);
}
