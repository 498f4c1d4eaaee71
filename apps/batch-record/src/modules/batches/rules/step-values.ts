import { FieldProblem } from '@mes/platform';
import { FieldDefinition } from '../../master-batch-records/step-definition';

export type StepValue = number | string | boolean;

export interface ValueCheck {
  /** Missing, unknown or wrongly typed values: the request is malformed (400). */
  invalid: FieldProblem[];
  /** Well-formed values outside the action limits: a GMP refusal (422). */
  outOfLimits: FieldProblem[];
}

const fieldOf = (name: string) => `values.${name}`;

/** Checks entered readings against the step's fields exactly as typed: nothing is rounded, parsed or coerced. */
export function checkStepValues(fields: readonly FieldDefinition[], values: Readonly<Record<string, unknown>>): ValueCheck {
  const invalid: FieldProblem[] = [];
  const outOfLimits: FieldProblem[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const name of Object.keys(values)) {
    if (!known.has(name)) invalid.push({ field: fieldOf(name), reason: 'is not a field of this step' });
  }
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null) {
      if (field.required) invalid.push({ field: fieldOf(field.name), reason: 'is required' });
      continue;
    }
    const typeProblem = checkType(field, value);
    if (typeProblem) {
      invalid.push({ field: fieldOf(field.name), reason: typeProblem });
      continue;
    }
    const limitProblem = typeof value === 'number' ? checkLimits(field, value) : null;
    if (limitProblem) outOfLimits.push({ field: fieldOf(field.name), reason: limitProblem });
  }
  return { invalid, outOfLimits };
}

function checkType(field: FieldDefinition, value: unknown): string | null {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return field.required && value.trim() === '' ? 'is required' : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
  }
}

function checkLimits(field: FieldDefinition, value: number): string | null {
  const unit = field.unit ? ` ${field.unit}` : '';
  if (field.min !== undefined && value < field.min) return `${value} is below the action limit ${field.min}${unit}`;
  if (field.max !== undefined && value > field.max) return `${value} is above the action limit ${field.max}${unit}`;
  return null;
}
