import { Specification } from './test-plan';

export type ResultValue = number | string;

export type Evaluation = { valid: true; value: ResultValue; conforms: boolean } | { valid: false; reason: string };

/** Checks a result has the right type and range for its test, then judges it against the specification. */
export function evaluateResult(spec: Specification, result: ResultValue): Evaluation {
  if (spec.kind === 'number') {
    if (typeof result !== 'number' || !Number.isFinite(result)) return { valid: false, reason: `must be a number in ${spec.unit}` };
    if (result < spec.min || result > spec.max) {
      return { valid: false, reason: `must be between ${spec.min} and ${spec.max} ${spec.unit}` };
    }
    const conforms = spec.comparator === '<=' ? result <= spec.limit : result >= spec.limit;
    return { valid: true, value: result, conforms };
  }
  if (typeof result !== 'string') return { valid: false, reason: `must be one of: ${spec.allowed.join(', ')}` };
  const value = result.trim().toLowerCase();
  if (!spec.allowed.includes(value)) return { valid: false, reason: `must be one of: ${spec.allowed.join(', ')}` };
  return { valid: true, value, conforms: value === spec.conforming };
}

/** Human-readable acceptance criterion, e.g. "≤ 5 EU/mL" or "no-growth". */
export function describeSpecification(spec: Specification): string {
  if (spec.kind === 'text') return spec.conforming;
  return `${spec.comparator === '<=' ? '≤' : '≥'} ${spec.limit} ${spec.unit}`;
}

/** Result with its unit, e.g. "7.2 EU/mL". */
export function describeResult(spec: Specification, result: ResultValue): string {
  return spec.kind === 'number' ? `${result} ${spec.unit}` : String(result);
}
