import { createHash } from 'node:crypto';

/**
 * The one canonical JSON of the system (signed content, MBR content, the audit chain): object keys sorted at
 * every depth by UTF-16 code unit, undefined members dropped, undefined array items and a bare undefined as
 * null, Dates as ISO strings; everything else as JSON.stringify writes it. jsonb does not keep key order, so
 * the same data always gives the same text before and after storage.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${members.join(',')}}`;
}

/** Makes a value what a jsonb round trip returns (Dates to ISO strings, undefined dropped), so hashes agree before and after storage. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** The content hash a signature binds to: SHA-256 (hex) of the canonical JSON of the content as jsonb stores it. */
export function contentHash(content: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(toJsonValue(content)), 'utf8')
    .digest('hex');
}
