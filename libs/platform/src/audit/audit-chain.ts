import { createHash } from 'node:crypto';
import { toStoredText } from '../http/text-hygiene';
import { canonicalJson } from '../signatures/canonical-json';

/** prev_hash of the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type AuditAction = 'create' | 'update' | 'delete';

/** The hashed content of one audit entry (everything but seq, prev_hash and hash). */
export interface AuditFields {
  entryId: string;
  occurredAt: string;
  actorId: string;
  actorName: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

/** A stored entry as the chain sees it. */
export interface AuditChainRow extends AuditFields {
  seq: string;
  prevHash: string;
  hash: string;
}

/** One broken link: the entry at `seq` and what is wrong with it. */
export interface AuditBreak {
  seq: string;
  reason: string;
}

/** At most this many breaks are listed (brokenCount still counts them all), so a ruined chain cannot make the answer huge. */
export const MAX_LISTED_BREAKS = 1_000;

/**
 * `breaks` lists every broken link in seq order, so an old, known break cannot hide a new one;
 * `firstBrokenSeq` and `reason` repeat the first of them.
 */
export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBrokenSeq: string; reason: string; brokenCount: number; breaks: AuditBreak[] };

/** The fields as the database will store them (lone surrogates replaced), so the hash covers what verification reads back. */
export function asStored<T>(value: T): T {
  if (typeof value === 'string') return toStoredText(value) as T;
  if (Array.isArray(value)) return value.map(asStored) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStoredText(k), asStored(v)])) as T;
}

export function auditHash(prevHash: string, fields: AuditFields): string {
  const content: AuditFields = {
    entryId: fields.entryId,
    occurredAt: fields.occurredAt,
    actorId: fields.actorId,
    actorName: fields.actorName,
    action: fields.action,
    entity: fields.entity,
    entityId: fields.entityId,
    oldValue: fields.oldValue ?? null,
    newValue: fields.newValue ?? null,
    reason: fields.reason ?? null,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/** Incremental verifier: feed rows in seq order, then read the result. */
export class AuditChainVerifier {
  private expectedPrev = AUDIT_GENESIS_HASH;
  private count = 0;
  private brokenCount = 0;
  private readonly breaks: AuditBreak[] = [];

  /** Checks each row's link and hash, and goes on from the stored hash after a break so every later break shows too. */
  add(row: AuditChainRow): void {
    this.count++;
    if (row.prevHash !== this.expectedPrev) {
      this.broke(row.seq, 'prev_hash does not match the previous entry: an entry before it was removed or reordered');
    }
    if (auditHash(row.prevHash, row) !== row.hash) this.broke(row.seq, 'hash does not match the entry: the entry was altered');
    this.expectedPrev = row.hash;
  }

  result(): AuditVerification {
    if (this.brokenCount === 0) return { ok: true, entries: this.count };
    const [first] = this.breaks;
    return {
      ok: false,
      entries: this.count,
      firstBrokenSeq: first.seq,
      reason: first.reason,
      brokenCount: this.brokenCount,
      breaks: [...this.breaks],
    };
  }

  private broke(seq: string, reason: string): void {
    this.brokenCount++;
    if (this.breaks.length < MAX_LISTED_BREAKS) this.breaks.push({ seq, reason });
  }
}

/** Verifies a whole chain held in memory. */
export function verifyAuditChain(rows: Iterable<AuditChainRow>): AuditVerification {
  const verifier = new AuditChainVerifier();
  for (const row of rows) verifier.add(row);
  return verifier.result();
}
