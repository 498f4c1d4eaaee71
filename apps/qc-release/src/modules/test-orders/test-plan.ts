/** How a test's result is judged; stored with each test order so a later spec change never re-judges old results. */
export type Specification =
  | {
      kind: 'number';
      unit: string;
      comparator: '<=' | '>=';
      limit: number;
      /** Physically possible range; a value outside it is a typing error, not a result. */
      min: number;
      max: number;
    }
  | { kind: 'text'; conforming: string; allowed: readonly string[] };

export interface TestDefinition {
  code: string;
  name: string;
  specification: Specification;
  expectedDurationMs: number;
}

export interface TestPlan {
  code: string;
  tests: readonly TestDefinition[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * EXAMPLE VALUES ONLY: limits and durations below illustrate the walking skeleton and must be replaced
 * by the facility's validated release specifications before any GMP use.
 */
export const CAR_T_RELEASE: TestPlan = {
  code: 'CAR-T-RELEASE',
  tests: [
    {
      code: 'sterility',
      name: 'Sterility',
      specification: { kind: 'text', conforming: 'no-growth', allowed: ['no-growth', 'growth'] },
      expectedDurationMs: 14 * DAY,
    },
    {
      code: 'endotoxin',
      name: 'Endotoxin',
      specification: { kind: 'number', unit: 'EU/mL', comparator: '<=', limit: 5.0, min: 0, max: 1_000_000 },
      expectedDurationMs: 1 * DAY,
    },
    {
      code: 'viability',
      name: 'Viability',
      specification: { kind: 'number', unit: '%', comparator: '>=', limit: 70, min: 0, max: 100 },
      expectedDurationMs: 4 * HOUR,
    },
    {
      code: 'car-expression',
      name: 'CAR expression',
      specification: { kind: 'number', unit: '% CAR+', comparator: '>=', limit: 20, min: 0, max: 100 },
      expectedDurationMs: 2 * DAY,
    },
    {
      code: 'mycoplasma',
      name: 'Mycoplasma',
      specification: { kind: 'text', conforming: 'not-detected', allowed: ['not-detected', 'detected'] },
      expectedDurationMs: 1 * DAY,
    },
  ],
};

const TEST_PLANS: ReadonlyMap<string, TestPlan> = new Map([[CAR_T_RELEASE.code, CAR_T_RELEASE]]);

export function findTestPlan(code: string): TestPlan | undefined {
  return TEST_PLANS.get(code);
}
