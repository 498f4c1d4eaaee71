import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { beforeCommit } from '../database/data-source';
import {
  AUDIT_GENESIS_HASH,
  AuditAction,
  AuditChainRow,
  AuditChainVerifier,
  AuditFields,
  AuditVerification,
  asStored,
  auditHash,
} from './audit-chain';
import { toJsonValue } from '../signatures/canonical-json';

/** Serialises appends across every process sharing the database, so the chain never forks. */
export const AUDIT_APPEND_LOCK_KEY = 763_700_000_500;
const VERIFY_PAGE_SIZE = 1_000;

export interface AuditActor {
  id: string;
  name: string;
}

/** What changed, by whom and why; `oldValue` is null for a create, `newValue` null for a delete. */
export interface AuditEntry<E extends string = string> {
  actor: AuditActor;
  action: AuditAction;
  entity: E;
  entityId: string;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

/**
 * One audited change of a typed entity: `before` left out for a create, `after` for a delete (the action follows
 * from which are given unless named, e.g. a create that records the state it replaced).
 */
export interface AuditedChange<E extends string = string> {
  entity: E;
  id: string;
  actor: AuditActor;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  action?: AuditAction;
}

/** One entry of an entity's history, oldest first, as `GET /audit-trail/:entity/:id` answers it. */
export interface AuditHistoryEntry {
  seq: string;
  occurredAt: string;
  actorId: string;
  actorName: string;
  action: AuditAction;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

export interface AuditRecord extends AuditFields {
  seq: string;
  prevHash: string;
  hash: string;
}

interface AuditRowSql {
  seq: string;
  entry_id: string;
  occurred_at: Date;
  actor_id: string;
  actor_name: string;
  action: AuditAction;
  entity: string;
  entity_id: string;
  old_value: unknown;
  new_value: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Tamper-evident audit trail: each entry's hash covers its content and the previous entry's hash, so an
 * edited entry breaks its own hash and a removed one breaks the next entry's link.
 */
export class AuditTrail<E extends string = string> {
  constructor(private readonly clock: Clock) {}

  /** The one way services record a change: who, when, before, after and why, for an entity name of the service's own list. */
  change(tx: EntityManager, change: AuditedChange<E>): Promise<void> {
    // By key, not value: `before: undefined` is an update whose old value was unset (stored as null, like append).
    const action = change.action ?? (!('before' in change) ? 'create' : !('after' in change) ? 'delete' : 'update');
    const entry: AuditEntry<E> = { actor: change.actor, action, entity: change.entity, entityId: change.id };
    if ('before' in change) entry.oldValue = change.before;
    if ('after' in change) entry.newValue = change.after;
    if ('reason' in change) entry.reason = change.reason;
    return this.append(tx, entry);
  }

  /** The history of one record, oldest first (the chain itself is checked by `verify`). */
  async history(manager: EntityManager, entity: E, entityId: string): Promise<AuditHistoryEntry[]> {
    const rows: AuditRowSql[] = await manager.query(
      `SELECT seq, occurred_at, actor_id, actor_name, action, old_value, new_value, reason
       FROM platform_audit WHERE entity = $1 AND entity_id = $2 ORDER BY seq`,
      [entity, entityId],
    );
    return rows.map((r) => ({
      seq: String(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      oldValue: r.old_value,
      newValue: r.new_value,
      reason: r.reason,
    }));
  }

  private readonly pending = new WeakMap<EntityManager, AuditEntry[]>();

  /**
   * Records an entry in the caller's transaction (it commits or rolls back with the change it records). In a
   * UnitOfWork the entries are written just before commit, in call order: the chain's lock is then held only
   * for the last moments of the transaction and never while it waits for a row lock (no lock-order deadlocks).
   * The timestamp is taken at the call, so it is when the change was made.
   */
  async append(tx: EntityManager, entry: AuditEntry<E>): Promise<void> {
    const stamped = { ...entry, at: this.clock.now() };
    const queue = this.pending.get(tx);
    if (queue) {
      queue.push(stamped);
      return;
    }
    const fresh: (AuditEntry & { at: Date })[] = [stamped];
    const deferred = beforeCommit(tx, async () => {
      this.pending.delete(tx);
      for (const e of fresh) await this.write(tx, e);
    });
    if (deferred) this.pending.set(tx, fresh);
    else await this.write(tx, stamped);
  }

  private async write(tx: EntityManager, entry: AuditEntry & { at: Date }): Promise<AuditRecord> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_APPEND_LOCK_KEY]);
    const [last] = await tx.query(`SELECT hash FROM platform_audit ORDER BY seq DESC LIMIT 1`);
    const prevHash: string = last?.hash ?? AUDIT_GENESIS_HASH;
    const fields: AuditFields = asStored({
      entryId: randomUUID(),
      occurredAt: entry.at.toISOString(),
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      oldValue: toJsonValue(entry.oldValue),
      newValue: toJsonValue(entry.newValue),
      reason: entry.reason ?? null,
    });
    const hash = auditHash(prevHash, fields);
    const [{ seq }] = await tx.query(
      `INSERT INTO platform_audit (entry_id, occurred_at, actor_id, actor_name, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12) RETURNING seq`,
      [
        fields.entryId,
        fields.occurredAt,
        fields.actorId,
        fields.actorName,
        fields.action,
        fields.entity,
        fields.entityId,
        fields.oldValue === null ? null : JSON.stringify(fields.oldValue),
        fields.newValue === null ? null : JSON.stringify(fields.newValue),
        fields.reason,
        prevHash,
        hash,
      ],
    );
    return { ...fields, seq: String(seq), prevHash, hash };
  }

  /** Walks every entry in seq order (a page at a time) and recomputes each hash and link. */
  async verify(manager: EntityManager): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier();
    let after = '0';
    for (;;) {
      const rows: AuditRowSql[] = await manager.query(
        `SELECT seq, entry_id, occurred_at, actor_id, actor_name, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash
         FROM platform_audit WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, VERIFY_PAGE_SIZE],
      );
      for (const row of rows) verifier.add(toChainRow(row));
      if (rows.length < VERIFY_PAGE_SIZE) return verifier.result();
      after = String(rows[rows.length - 1].seq);
    }
  }
}

function toChainRow(row: AuditRowSql): AuditChainRow {
  return {
    seq: String(row.seq),
    entryId: row.entry_id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    oldValue: row.old_value,
    newValue: row.new_value,
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
