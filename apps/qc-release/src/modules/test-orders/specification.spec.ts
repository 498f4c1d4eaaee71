import { describeSpecification, evaluateResult } from './specification';
import { CAR_T_RELEASE, Specification } from './test-plan';

const spec = (code: string): Specification => {
  const test = CAR_T_RELEASE.tests.find((t) => t.code === code);
  if (!test) throw new Error(`no test ${code}`);
  return test.specification;
};

describe(evaluateResult.name, () => {
  it.each([
    ['endotoxin', 5.0, true],
    ['endotoxin', 5.01, false],
    ['endotoxin', 0, true],
    ['viability', 70, true],
    ['viability', 69.9, false],
    ['car-expression', 20, true],
    ['car-expression', 19.99, false],
    ['sterility', 'no-growth', true],
    ['sterility', 'growth', false],
    ['mycoplasma', 'not-detected', true],
    ['mycoplasma', 'detected', false],
  ])('should judge %s = %p as conforming=%p when it is compared with the limit', (code, result, conforms) => {
    expect(evaluateResult(spec(code), result)).toEqual({ valid: true, value: result, conforms });
  });

  it('should refuse a text when the test expects a number', () => {
    const evaluation = evaluateResult(spec('endotoxin'), '4.2');
    expect(evaluation).toEqual({ valid: false, reason: 'must be a number in EU/mL' });
  });

  it('should refuse a number when the test expects a text', () => {
    expect(evaluateResult(spec('sterility'), 0).valid).toBe(false);
  });

  it('should refuse a text outside the controlled vocabulary when a typo would otherwise read as out of specification', () => {
    expect(evaluateResult(spec('sterility'), 'no growth')).toEqual({ valid: false, reason: 'must be one of: no-growth, growth' });
  });

  it('should normalise case and spaces when the text is a known value', () => {
    expect(evaluateResult(spec('mycoplasma'), '  Not-Detected ')).toEqual({ valid: true, value: 'not-detected', conforms: true });
  });

  it.each([
    ['viability', 101],
    ['viability', -1],
    ['endotoxin', -0.1],
    ['car-expression', Number.NaN],
  ])('should refuse %s = %p when the value is physically impossible', (code, result) => {
    expect(evaluateResult(spec(code), result).valid).toBe(false);
  });
});

describe(describeSpecification.name, () => {
  it('should spell out the acceptance criterion when asked for each kind of test', () => {
    expect(describeSpecification(spec('endotoxin'))).toBe('≤ 5 EU/mL');
    expect(describeSpecification(spec('viability'))).toBe('≥ 70 %');
    expect(describeSpecification(spec('sterility'))).toBe('no-growth');
  });
});
