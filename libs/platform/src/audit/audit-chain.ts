import { createHash } from 'node:crypto';
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

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: string; reason: string };

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
  private broken: { firstBrokenSeq: string; reason: string } | null = null;

  /** Counts every row; only the first break is reported. */
  add(row: AuditChainRow): void {
    this.count++;
    if (this.broken) return;
    if (row.prevHash !== this.expectedPrev) {
      this.broken = {
        firstBrokenSeq: row.seq,
        reason: 'prev_hash does not match the previous entry: an entry before it was removed or reordered',
      };
      return;
    }
    if (auditHash(row.prevHash, row) !== row.hash) {
      this.broken = { firstBrokenSeq: row.seq, reason: 'hash does not match the entry: the entry was altered' };
      return;
    }
    this.expectedPrev = row.hash;
  }

  result(): AuditVerification {
    return this.broken ? { ok: false, entries: this.count, ...this.broken } : { ok: true, entries: this.count };
  }
}

/** Verifies a whole chain held in memory. */
export function verifyAuditChain(rows: Iterable<AuditChainRow>): AuditVerification {
  const verifier = new AuditChainVerifier();
  for (const row of rows) verifier.add(row);
  return verifier.result();
}
