import { FieldProblem } from '@mes/platform';
import { ResultValue, describeResult, describeSpecification } from '../test-orders/specification';
import { Specification } from '../test-orders/test-plan';

export interface TestOutcome {
  testCode: string;
  specification: Specification;
  result: ResultValue | null;
  conforms: boolean | null;
}

/** Every reason a batch may not be released: each missing result and each result out of specification, none hidden behind the first. */
export function releaseBlockers(tests: readonly TestOutcome[]): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  for (const t of [...tests].sort((a, b) => a.testCode.localeCompare(b.testCode))) {
    const field = `tests.${t.testCode}`;
    if (t.result === null || t.conforms === null) blockers.push({ field, reason: 'result missing' });
    else if (!t.conforms) {
      blockers.push({
        field,
        reason: `out of specification: ${describeResult(t.specification, t.result)} (acceptance ${describeSpecification(t.specification)})`,
      });
    }
  }
  return blockers;
}

export interface ReviewFacts {
  reviewedBy: string;
  reviewedAt: Date;
}

export interface DeviationFacts {
  deviationId: string;
  number: string;
  classification: 'minor' | 'major' | 'critical';
  state: 'open' | 'closed';
  title: string;
}

export interface MaterialBlockerFacts {
  lotId: string;
  stepCode: string;
  reason: string;
}

/** Everything a release (or conditional release) depends on; a rejection depends on none of it. */
export interface ReleaseFacts {
  batchRecordComplete: boolean;
  tests: readonly TestOutcome[];
  materialBlockers: readonly MaterialBlockerFacts[];
  review: ReviewFacts | null;
  deviations: readonly DeviationFacts[];
}

/** QA must have reviewed the executed batch record, and no critical deviation of the batch may be open. */
export function batchRecordReviewBlockers(review: ReviewFacts | null, deviations: readonly DeviationFacts[]): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  if (!review) blockers.push({ field: 'batchRecord.review', reason: 'batch record not reviewed by QA' });
  for (const d of deviations) {
    if (d.state === 'open' && d.classification === 'critical') {
      blockers.push({ field: `deviations.${d.deviationId}`, reason: `critical deviation ${d.number} is open: ${d.title}` });
    }
  }
  return blockers;
}

/** Every reason the batch may not be released yet, in a stable order (record, tests, materials, review, deviations); empty means releasable. */
export function releaseReadinessBlockers(facts: ReleaseFacts): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  if (!facts.batchRecordComplete) blockers.push({ field: 'batch', reason: 'batch record not complete' });
  if (facts.tests.length === 0) blockers.push({ field: 'tests', reason: 'no release test orders' });
  blockers.push(...releaseBlockers(facts.tests));
  for (const b of facts.materialBlockers) {
    blockers.push({ field: `materials.${b.lotId}`, reason: `unusable lot consumed at step ${b.stepCode}: ${b.reason}` });
  }
  blockers.push(...batchRecordReviewBlockers(facts.review, facts.deviations));
  return blockers;
}
