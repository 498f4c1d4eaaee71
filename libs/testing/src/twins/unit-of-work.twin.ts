import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '@mes/platform';

/** An in-memory store that a rollback puts back as it was (e.g. a fake repository's rows). */
export interface Restorable<S = unknown> {
  snapshot(): S;
  restore(snapshot: S): void;
}

const ENTITY_MANAGER_MEMBERS = new Set(
  Object.getOwnPropertyNames(EntityManager.prototype).concat(['connection', 'queryRunner', 'query', 'transaction']),
);

/**
 * A transaction handle for unit specs: it holds no connection, and any EntityManager call on it fails the
 * test (a service that queries directly instead of through a repository is a bug the spec should show).
 */
export function twinManager(name = 'tx'): EntityManager {
  return new Proxy({} as EntityManager, {
    get(_target, prop) {
      if (typeof prop === 'string' && ENTITY_MANAGER_MEMBERS.has(prop) && prop !== 'constructor') {
        throw new Error(`${name}.${prop} called in a unit spec: put the query behind a repository`);
      }
      if (prop === 'toString' || prop === Symbol.toStringTag) return () => `[twin ${name}]`;
      return undefined;
    },
  });
}

/**
 * UnitOfWork for unit specs: runs work against a twin manager and, when the work throws, undoes every
 * change recorded under that transaction (outbox, audit, timers, tracked stores) before rethrowing.
 */
export class UnitOfWorkTwin extends UnitOfWork {
  private readonly undo = new Map<EntityManager, (() => void)[]>();
  private readonly stores: Restorable[] = [];
  commits = 0;
  rollbacks = 0;

  constructor() {
    // No database: a spec that reaches for the data source fails at once.
    super(undefined as unknown as DataSource);
  }

  override async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const tx = twinManager(`tx${this.commits + this.rollbacks + 1}`);
    const undo: (() => void)[] = [];
    this.undo.set(tx, undo);
    const snapshots = this.stores.map((s) => s.snapshot());
    try {
      const value = await work(tx);
      this.commits++;
      return value;
    } catch (error) {
      for (const step of undo.reverse()) step();
      this.stores.forEach((s, i) => s.restore(snapshots[i]));
      this.rollbacks++;
      throw error;
    } finally {
      this.undo.delete(tx);
    }
  }

  /** Registers how to take back a change made under `tx` if its work throws; outside a run the change stands. */
  onRollback(tx: EntityManager, step: () => void): void {
    this.undo.get(tx)?.push(step);
  }

  /** Restores `store` to its state at the start of any run that throws (stores are snapshotted per run). */
  track<S>(store: Restorable<S>): void {
    this.stores.push(store as Restorable);
  }
}

/** Removes one item from a list (a recorder's undo); a spec may have cleared the list meanwhile. */
export function without<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
