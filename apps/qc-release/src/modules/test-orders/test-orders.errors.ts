import { ContractViolationError } from '@mes/contracts';

/** A step asked for a test plan QC does not know; retrying cannot help, so it goes straight to the dead-letter topic. */
export class UnknownTestPlanError extends ContractViolationError {
  constructor(readonly testPlan: string) {
    super(`Unknown test plan ${testPlan}`, [{ path: 'actions.testPlan', message: `unknown test plan ${testPlan}` }]);
  }
}
