import { randomBytes } from 'node:crypto';
import { DynamicModule, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock, MessageBus, TimerService, UnitOfWork } from '@mes/platform';
import { FakeClock } from '../twins/fake-clock';
import { TimersTwin } from '../twins/timers.twin';
import { InMemoryMessageBus } from './in-memory-message-bus';

const ADMIN_URL = process.env.MES_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface MediumOptions {
  /** Part of the throwaway database's name, e.g. the service. */
  name: string;
  /** The service's root module, built from the URL of the throwaway database and the spec's clock. */
  module: (databaseUrl: string, clock: Clock) => DynamicModule | Type<unknown>;
  now?: string | Date;
  /** Providers replaced for the spec, e.g. the identity service's password check. */
  overrides?: { provide: unknown; useValue: unknown }[];
}

export interface MediumHarness {
  module: TestingModule;
  dataSource: DataSource;
  clock: FakeClock;
  bus: InMemoryMessageBus;
  timers: TimersTwin;
  databaseUrl: string;
  get<T>(type: Type<T> | (abstract new (...args: never[]) => T)): T;
  close(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A service's module on a real, throwaway Postgres database (created, migrated, dropped by close()), with the
 * platform wired as in production except Kafka (an in-memory bus) and Redis alarms (timers twin with fireDue).
 * For specs named *.int-spec.ts: they need Postgres, nothing else.
 */
export async function mediumHarness(options: MediumOptions): Promise<MediumHarness> {
  const database = `medium_${options.name.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const databaseUrl = `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${database}`;
  await admin(`CREATE DATABASE ${database}`);
  const clock = new FakeClock(new Date(options.now ?? '2026-03-01T08:00:00.000Z'));
  const bus = new InMemoryMessageBus();
  try {
    let builder = Test.createTestingModule({ imports: [options.module(databaseUrl, clock)] })
      .overrideProvider(MessageBus)
      .useValue(bus)
      .overrideProvider(TimerService)
      .useFactory({ factory: (uow: UnitOfWork) => new TimersTwin(uow, clock), inject: [UnitOfWork] });
    for (const o of options.overrides ?? []) builder = builder.overrideProvider(o.provide).useValue(o.useValue);
    const module = await builder.compile();
    const dataSource = module.get(DataSource);
    await dataSource.runMigrations({ transaction: 'each' });
    await module.init();
    return {
      module,
      dataSource,
      clock,
      bus,
      timers: module.get(TimerService) as TimersTwin,
      databaseUrl,
      get: (type) => module.get(type as Type<never>),
      close: async () => {
        await module.close();
        await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      },
    };
  } catch (error) {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    throw error;
  }
}
