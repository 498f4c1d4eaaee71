import { FieldDefinition } from '../../master-batch-records/step-definition';
import { checkStepValues } from './step-values';

const fields: FieldDefinition[] = [
  { name: 'viableCellCount', label: 'Viable cell count', type: 'number', unit: '1e9 cells', required: true, min: 0.5 },
  { name: 'viability', label: 'Viability', type: 'number', unit: '%', required: true, min: 70, max: 100 },
];

describe(checkStepValues.name, () => {
  it('should accept values on the limits when they are inclusive bounds', () => {
    expect(checkStepValues(fields, { viableCellCount: 0.5, viability: 100 })).toEqual({ invalid: [], outOfLimits: [] });
    expect(checkStepValues(fields, { viableCellCount: 2.1, viability: 70 })).toEqual({ invalid: [], outOfLimits: [] });
  });

  it('should report values.<name> is required when a required value is missing', () => {
    expect(checkStepValues(fields, { viability: 90 }).invalid).toEqual([{ field: 'values.viableCellCount', reason: 'is required' }]);
  });

  it('should report an unknown field when a value is not defined by the step', () => {
    expect(checkStepValues(fields, { viableCellCount: 1, viability: 90, colour: 'red' }).invalid).toEqual([
      { field: 'values.colour', reason: 'is not a field of this step' },
    ]);
  });

  it('should refuse a numeric string rather than coerce it', () => {
    expect(checkStepValues(fields, { viableCellCount: '1.2', viability: 90 }).invalid).toEqual([
      { field: 'values.viableCellCount', reason: 'must be a number' },
    ]);
  });

  it('should refuse booleans and non-finite numbers for a number field', () => {
    expect(checkStepValues(fields, { viableCellCount: true, viability: Number.NaN }).invalid.map((p) => p.field)).toEqual([
      'values.viableCellCount',
      'values.viability',
    ]);
  });

  it('should report out-of-limits per field when values are outside action limits', () => {
    const result = checkStepValues(fields, { viableCellCount: 0.49, viability: 100.01 });
    expect(result.invalid).toEqual([]);
    expect(result.outOfLimits).toEqual([
      { field: 'values.viableCellCount', reason: '0.49 is below the action limit 0.5 1e9 cells' },
      { field: 'values.viability', reason: '100.01 is above the action limit 100 %' },
    ]);
  });

  it('should not round a value just below the limit up to it', () => {
    expect(checkStepValues(fields, { viableCellCount: 1, viability: 69.9999999 }).outOfLimits).toHaveLength(1);
  });

  it('should check string and boolean fields by type only', () => {
    const other: FieldDefinition[] = [
      { name: 'note', label: 'Note', type: 'string', required: true },
      { name: 'sealed', label: 'Sealed', type: 'boolean', required: false },
    ];
    expect(checkStepValues(other, { note: 'ok', sealed: false })).toEqual({ invalid: [], outOfLimits: [] });
    expect(checkStepValues(other, { note: ' ', sealed: 'yes' }).invalid.map((p) => p.field)).toEqual(['values.note', 'values.sealed']);
  });
});
