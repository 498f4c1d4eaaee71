import { ContractViolationError } from '@mes/contracts';
import { ConflictProblem, NotFoundProblem, RuleViolationProblem, ValidationProblem } from '@mes/platform';

/** A step asked for a test plan QC does not know; retrying cannot help, so it goes straight to the dead-letter topic. */
export class UnknownTestPlanError extends ContractViolationError {
  constructor(readonly testPlan: string) {
    super(`Unknown test plan ${testPlan}`, [{ path: 'actions.testPlan', message: `unknown test plan ${testPlan}` }]);
  }
}

/** Every test order error, named once with the HTTP problem it becomes. */
export const TestOrderErrors = {
  notFound: (id: string) => new NotFoundProblem('Test order', id),
  closed: (batchId: string) =>
    new ConflictProblem('disposition-signed', `The disposition of batch ${batchId} is signed; no more results are accepted`),
  alreadyRecorded: (id: string) =>
    new ConflictProblem('result-already-recorded', `Test order ${id} already has a result`, [
      { field: 'result', reason: 'already recorded; correct it with POST /test-orders/:id/result/correction' },
    ]),
  noResult: (id: string) =>
    new ConflictProblem('no-result-to-correct', `Test order ${id} has no result yet; record it first`, [
      { field: 'result', reason: 'no result recorded' },
    ]),
  unchanged: (id: string) =>
    new RuleViolationProblem('correction-unchanged', `The correction of test order ${id} gives the result it already has`, [
      { field: 'result', reason: 'same as the recorded result' },
    ]),
  invalidResult: (testCode: string, reason: string) => new ValidationProblem([{ field: 'result', reason }], `Invalid ${testCode} result`),
};
