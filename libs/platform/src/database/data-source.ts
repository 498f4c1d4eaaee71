import { DataSource, EntityManager, MixedList, EntitySchema } from 'typeorm';
import { OutboxReliability1764600000000 } from './outbox-reliability.migration';
import { PlatformAudit1763700000500 } from './platform-audit.migration';
import { PlatformDeadLetters1763700000600 } from './platform-dead-letters.migration';
import { PlatformTables1763700000000 } from './platform-tables.migration';

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: MixedList<(new (...args: any[]) => unknown) | string | EntitySchema<any>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations: (new () => any)[];
  applicationName: string;
  poolSize?: number;
}

export const POOL_CONNECTION_TIMEOUT_MS = 10_000;

/** Entities and migrations are listed explicitly (globs break when bundled); the schema is never synchronised. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: [
      PlatformTables1763700000000,
      PlatformAudit1763700000500,
      PlatformDeadLetters1763700000600,
      OutboxReliability1764600000000,
      ...options.migrations,
    ],
    migrationsTableName: 'platform_migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName,
    // A paused database or an exhausted pool raises a (retried) timeout error instead of hanging the handler.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS },
  });
}

const commitHooks = new WeakMap<EntityManager, (() => Promise<void> | void)[]>();

/** Registers an action to run after the transaction of `tx` commits (never after a rollback). Best effort: it is lost if the process dies. */
export function onCommit(tx: EntityManager, action: () => Promise<void> | void): void {
  const hooks = commitHooks.get(tx);
  if (!hooks) throw new Error('onCommit needs a transaction opened by UnitOfWork.run');
  hooks.push(action);
}

const finishHooks = new WeakMap<EntityManager, (() => Promise<void>)[]>();

/**
 * Registers work to run inside the transaction of `tx`, after the caller's work and just before commit, in
 * registration order. Returns false when `tx` was not opened by UnitOfWork.run (the caller must act at once).
 */
export function beforeCommit(tx: EntityManager, action: () => Promise<void>): boolean {
  const hooks = finishHooks.get(tx);
  if (!hooks) return false;
  hooks.push(action);
  return true;
}

/** Runs work in one Postgres transaction; repositories and the outbox write through the manager it hands out. */
export class UnitOfWork {
  constructor(readonly dataSource: DataSource) {}

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const hooks: (() => Promise<void> | void)[] = [];
    // Postgres' default isolation (READ COMMITTED); naming it would cost a SET TRANSACTION round trip each time.
    const result = await this.dataSource.transaction(async (tx) => {
      commitHooks.set(tx, hooks);
      const finish: (() => Promise<void>)[] = [];
      finishHooks.set(tx, finish);
      const value = await work(tx);
      // Hooks may register more hooks; run until none are left.
      for (let i = 0; i < finish.length; i++) await finish[i]();
      return value;
    });
    // Hooks only set Redis alarms (the reconciler covers a lost one): a Redis outage must not hold up the caller.
    for (const hook of hooks)
      void Promise.resolve()
        .then(hook)
        .catch(() => undefined);
    return result;
  }
}
