import { FieldDefinition } from '../../master-batch-records/mbr-schema';
import { checkStepValues, decimalsOf, describeLimits } from './step-values';

const viability: FieldDefinition = {
  name: 'viability',
  label: 'Viability',
  type: 'number',
  unit: '%',
  required: true,
  decimals: 1,
  target: 95,
  alert: { min: 80 },
  action: { min: 70, max: 100 },
};
const bagIntact: FieldDefinition = { name: 'bagIntact', label: 'Bag intact', type: 'boolean', required: true, expected: true };
const remark: FieldDefinition = { name: 'remark', label: 'Remark', type: 'text', required: false };

describe(checkStepValues.name, () => {
  it('should accept a value within the alert limits', () => {
    const result = checkStepValues([viability], { viability: 92.5 });
    expect(result).toEqual({ invalid: [], flags: { viability: 'ok' }, excursions: [] });
  });

  it('should flag a value outside the alert range but inside the action range', () => {
    const result = checkStepValues([viability], { viability: 75 });
    expect(result.flags.viability).toBe('alert');
    expect(result.excursions[0].reason).toContain('below alert limit 80');
  });

  it('should mark a value outside the action range as an action excursion', () => {
    const result = checkStepValues([viability], { viability: 65.5 });
    expect(result.invalid).toEqual([]);
    expect(result.flags.viability).toBe('action');
    expect(result.excursions).toEqual([{ field: 'viability', flag: 'action', reason: 'Viability 65.5 % is below action limit 70 %' }]);
  });

  it('should refuse more decimals than the instrument resolution instead of rounding', () => {
    const result = checkStepValues([viability], { viability: 92.55 });
    expect(result.invalid).toEqual([{ field: 'values.viability', reason: expect.stringContaining('more than 1 decimal') }]);
  });

  it('should refuse a number sent as text and never coerce it', () => {
    expect(checkStepValues([viability], { viability: '92' }).invalid).toEqual([{ field: 'values.viability', reason: 'must be a number' }]);
  });

  it('should treat an unexpected boolean answer as an action excursion', () => {
    expect(checkStepValues([bagIntact], { bagIntact: false }).flags.bagIntact).toBe('action');
  });

  it('should refuse unknown and missing required fields and allow a missing optional one', () => {
    const result = checkStepValues([viability, remark], { extra: 1 });
    expect(result.invalid).toEqual([
      { field: 'values.extra', reason: 'is not a field of this step' },
      { field: 'values.viability', reason: 'is required' },
    ]);
  });
});

describe(decimalsOf.name, () => {
  it('should count decimals including exponent notation', () => {
    expect(decimalsOf(12)).toBe(0);
    expect(decimalsOf(1.25)).toBe(2);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(2.5e3)).toBe(0);
  });
});

describe(describeLimits.name, () => {
  it('should describe target, alert and action limits', () => {
    expect(describeLimits(viability)).toBe('target 95; alert ≥ 80; action 70–100');
  });
});
