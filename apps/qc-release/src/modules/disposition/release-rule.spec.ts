import { CAR_T_RELEASE } from '../test-orders/test-plan';
import { TestOutcome, releaseBlockers } from './release-rule';

const conformingResults: Record<string, number | string> = {
  sterility: 'no-growth',
  endotoxin: 1.2,
  viability: 88,
  'car-expression': 41,
  mycoplasma: 'not-detected',
};

const outcomes = (overrides: Record<string, Partial<TestOutcome>> = {}): TestOutcome[] =>
  CAR_T_RELEASE.tests.map((t) => ({
    testCode: t.code,
    specification: t.specification,
    result: conformingResults[t.code],
    conforms: true,
    ...overrides[t.code],
  }));

describe(releaseBlockers.name, () => {
  it('should allow release when every result is in and conforms', () => {
    expect(releaseBlockers(outcomes())).toEqual([]);
  });

  it('should list every missing and every non-conforming result when several tests block release', () => {
    const blockers = releaseBlockers(
      outcomes({
        sterility: { result: null, conforms: null },
        endotoxin: { result: 7.5, conforms: false },
        viability: { result: 62, conforms: false },
      }),
    );
    expect(blockers).toEqual([
      { field: 'tests.endotoxin', reason: 'out of specification: 7.5 EU/mL (acceptance ≤ 5 EU/mL)' },
      { field: 'tests.sterility', reason: 'result missing' },
      { field: 'tests.viability', reason: 'out of specification: 62 % (acceptance ≥ 70 %)' },
    ]);
  });

  it('should block release when a text result does not conform', () => {
    expect(releaseBlockers(outcomes({ mycoplasma: { result: 'detected', conforms: false } }))).toEqual([
      { field: 'tests.mycoplasma', reason: 'out of specification: detected (acceptance not-detected)' },
    ]);
  });

  it('should block release of every test when no result is in', () => {
    const blockers = releaseBlockers(outcomes(Object.fromEntries(CAR_T_RELEASE.tests.map((t) => [t.code, { result: null, conforms: null }]))));
    expect(blockers).toHaveLength(CAR_T_RELEASE.tests.length);
    expect(blockers.every((b) => b.reason === 'result missing')).toBe(true);
  });
});
