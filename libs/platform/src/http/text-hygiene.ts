import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { FieldProblem, ValidationProblem } from './problems';

// Postgres cannot store NUL (500 today) and stores a lone surrogate as U+FFFD (the text read back is not the text hashed).
const NUL = /\u0000/; // eslint-disable-line no-control-regex
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text as Postgres stores it: each lone surrogate becomes U+FFFD (the UTF-8 encoder's replacement). */
export function toStoredText(text: string): string {
  return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** Why a text cannot be accepted as it is, or null when it can. */
export function badTextReason(text: string): string | null {
  if (NUL.test(text)) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate (not valid Unicode text)';
  return null;
}

interface Step {
  parent: Step | null;
  key: string | number;
}

/** Enough to fix a request; more would let one crafted body cost a path walk per string. */
const MAX_REPORTED = 20;

const pathOf = (step: Step | null): string => {
  const keys: (string | number)[] = [];
  for (let s = step; s; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.') || '(body)';
};

/** Every string (and object key) in a request value that cannot be stored as given, by its field path. */
export function badTextFields(value: unknown, root?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Iterative with parent links: a deeply nested body can neither overflow the stack nor cost quadratic time.
  const pending: { value: unknown; at: Step | null }[] = [{ value, at: root ? { parent: null, key: root } : null }];
  while (pending.length && problems.length < MAX_REPORTED) {
    const { value: v, at } = pending.pop()!;
    if (typeof v === 'string') {
      const reason = badTextReason(v);
      if (reason) problems.push({ field: pathOf(at), reason });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => pending.push({ value: item, at: { parent: at, key: i } }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const reason = badTextReason(key);
        if (reason) problems.push({ field: pathOf({ parent: at, key }), reason: `its name ${reason}` });
        pending.push({ value: item, at: { parent: at, key } });
      }
    }
  }
  return problems;
}

/**
 * Global pipe (runs before every route's own pipes): a body, query or path value with a NUL or a lone surrogate is
 * refused with 400 naming the field, for every service, before it can reach the database or the audit trail.
 */
export class TextHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = badTextFields(value, metadata.data);
    if (problems.length) throw new ValidationProblem(problems, 'The request contains text that cannot be stored; nothing was changed');
    return value;
  }
}
