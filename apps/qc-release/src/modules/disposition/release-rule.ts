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
