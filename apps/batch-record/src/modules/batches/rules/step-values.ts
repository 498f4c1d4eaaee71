import { FieldProblem } from '@mes/platform';
import { FieldDefinition, Range } from '../../master-batch-records/mbr-schema';

export type StepValue = number | string | boolean;
/** ok: within alert limits; alert: outside the alert range (flagged for review); action: outside the action range (deviation). */
export type ValueFlag = 'ok' | 'alert' | 'action';

export interface ValueCheck {
  /** Missing, unknown, wrongly typed or over-precise values: the request is malformed (400) and nothing is recorded. */
  invalid: FieldProblem[];
  flags: Record<string, ValueFlag>;
  /** One line per excursion, for the deviation text and the review. */
  excursions: { field: string; flag: Exclude<ValueFlag, 'ok'>; reason: string }[];
}

const fieldOf = (name: string) => `values.${name}`;

/** Checks entered readings exactly as typed: nothing is rounded, parsed or coerced. */
export function checkStepValues(fields: readonly FieldDefinition[], values: Readonly<Record<string, unknown>>): ValueCheck {
  const invalid: FieldProblem[] = [];
  const flags: Record<string, ValueFlag> = {};
  const excursions: ValueCheck['excursions'] = [];
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
    const judged = judgeValue(field, value as StepValue);
    flags[field.name] = judged.flag;
    if (judged.flag !== 'ok') excursions.push({ field: field.name, flag: judged.flag, reason: judged.reason });
  }
  return { invalid, flags, excursions };
}

/** Type and resolution of one value; null when acceptable. */
export function checkType(field: FieldDefinition, value: unknown): string | null {
  switch (field.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.decimals !== undefined && decimalsOf(value) > field.decimals) {
        return `has more than ${field.decimals} decimal${field.decimals === 1 ? '' : 's'}; enter the value as the instrument shows it (it is never rounded)`;
      }
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > 2000) return 'must be at most 2000 characters';
      return field.required && value.trim() === '' ? 'is required' : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && field.choices!.includes(value) ? null : `must be one of: ${field.choices!.join(', ')}`;
  }
}

export function judgeValue(field: FieldDefinition, value: StepValue): { flag: ValueFlag; reason: string } {
  const unit = field.unit ? ` ${field.unit}` : '';
  if (field.type === 'boolean' && field.expected !== undefined && value !== field.expected) {
    return { flag: 'action', reason: `${field.label} is ${value ? 'yes' : 'no'}, expected ${field.expected ? 'yes' : 'no'}` };
  }
  if (typeof value !== 'number') return { flag: 'ok', reason: '' };
  const action = outside(field.action, value);
  if (action)
    return { flag: 'action', reason: `${field.label} ${value}${unit} is ${action} action limit ${limitOf(field.action!, action)}${unit}` };
  const alert = outside(field.alert, value);
  if (alert)
    return { flag: 'alert', reason: `${field.label} ${value}${unit} is ${alert} alert limit ${limitOf(field.alert!, alert)}${unit}` };
  return { flag: 'ok', reason: '' };
}

function outside(range: Range | undefined, value: number): 'below' | 'above' | null {
  if (!range) return null;
  if (range.min !== undefined && value < range.min) return 'below';
  if (range.max !== undefined && value > range.max) return 'above';
  return null;
}

const limitOf = (range: Range, side: 'below' | 'above') => (side === 'below' ? range.min : range.max);

/** Decimal places of a number as JSON carried it (1e-7 style included). */
export function decimalsOf(value: number): number {
  const [mantissa, exponent] = value.toString().toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** "target 95; alert ≥ 80; action 70–100" for records and exports. */
export function describeLimits(field: FieldDefinition): string | null {
  const parts: string[] = [];
  if (field.target !== undefined) parts.push(`target ${field.target}`);
  if (field.alert) parts.push(`alert ${describeRange(field.alert)}`);
  if (field.action) parts.push(`action ${describeRange(field.action)}`);
  if (field.expected !== undefined) parts.push(`expected ${field.expected ? 'yes' : 'no'}`);
  return parts.length ? parts.join('; ') : null;
}

function describeRange(r: Range): string {
  if (r.min !== undefined && r.max !== undefined) return `${r.min}–${r.max}`;
  return r.min !== undefined ? `≥ ${r.min}` : `≤ ${r.max}`;
}
