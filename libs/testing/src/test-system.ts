import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AcceleratedClock } from '@mes/platform';
import { ApiClient, eventually } from './http-client';

export const SERVICES = ['identity', 'batch-record', 'inventory', 'qc-release', 'notification'] as const;
export type ServiceName = (typeof SERVICES)[number];

const BASE_PORTS: Record<ServiceName, number> = {
  identity: 3000,
  'batch-record': 3001,
  inventory: 3002,
  'qc-release': 3003,
  notification: 3004,
};
const ROOT = path.resolve(__dirname, '../../..');

export interface TestSystemOptions {
  /** Database name prefix: <prefix>_<service>. */
  dbPrefix?: string;
  portOffset?: number;
  kafkaBrokers?: string;
  redisUrl?: string;
  /** Extra environment for every service (e.g. CLOCK_FACTOR). */
  env?: Record<string, string>;
}

/**
 * Runs the real services as child processes (from dist/, built by `npm run build`) against real Postgres,
 * Redis and Kafka, so integration and fault tests exercise exactly what production runs — and can kill -9 it.
 */
export class TestSystem {
  readonly dbPrefix: string;
  readonly portOffset: number;
  readonly kafkaBrokers: string;
  readonly redisUrl: string;
  readonly logDir = path.join(ROOT, '.cache', 'test-logs');
  private readonly processes = new Map<ServiceName, ChildProcess>();
  readonly clockAnchor = new Date().toISOString();

  constructor(private readonly options: TestSystemOptions = {}) {
    this.dbPrefix = options.dbPrefix ?? process.env.MES_TEST_DB_PREFIX ?? 'mestest';
    this.portOffset = options.portOffset ?? Number(process.env.MES_TEST_PORT_OFFSET ?? 100);
    this.kafkaBrokers = options.kafkaBrokers ?? process.env.MES_TEST_KAFKA_BROKERS ?? '127.0.0.1:19092';
    this.redisUrl = options.redisUrl ?? process.env.MES_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
    mkdirSync(this.logDir, { recursive: true });
    if (!existsSync(this.entry('identity', 'main'))) throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  }

  /** The simulated "now" every service agrees on (CLOCK_ANCHOR and CLOCK_FACTOR are shared). */
  simNow(): Date {
    // The services' own clock class, so the tests can never compute a different "now" than they do.
    return new AcceleratedClock(Number(this.options.env?.CLOCK_FACTOR ?? '1'), new Date(this.clockAnchor)).now();
  }

  /** How many simulated seconds pass per real second. */
  get clockFactor(): number {
    return Number(this.options.env?.CLOCK_FACTOR ?? '1');
  }

  port(service: ServiceName): number {
    return BASE_PORTS[service] + this.portOffset;
  }

  url(service: ServiceName): string {
    return `http://127.0.0.1:${this.port(service)}`;
  }

  databaseUrl(service: ServiceName): string {
    return `postgres://postgres@127.0.0.1:5432/${this.dbPrefix}_${service.replace(/-/g, '_')}`;
  }

  env(service: ServiceName, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      SERVICE_NAME: service,
      PORT: String(this.port(service)),
      DATABASE_URL: this.databaseUrl(service),
      REDIS_URL: this.redisUrl,
      KAFKA_BROKERS: this.kafkaBrokers,
      AUTH_JWT_SECRET: 'integration-test-secret-0123456789-abcdefghij',
      IDENTITY_URL: `http://127.0.0.1:${BASE_PORTS.identity + this.portOffset}`,
      BATCH_RECORD_URL: `http://127.0.0.1:${BASE_PORTS['batch-record'] + this.portOffset}`,
      INVENTORY_URL: `http://127.0.0.1:${BASE_PORTS.inventory + this.portOffset}`,
      CLOCK_ANCHOR: this.clockAnchor,
      TIMER_RECONCILE_INTERVAL_MS: '2000',
      OUTBOX_POLL_INTERVAL_MS: '500',
      LOG_LEVEL: 'info',
      // Every test logs in from 127.0.0.1; the rate-limit test sets its own low limits.
      AUTH_RATE_LIMIT_PER_IP: '1000000',
      AUTH_RATE_LIMIT_PER_ACCOUNT: '1000000',
      ...this.options.env,
      ...extra,
    };
  }

  private entry(service: ServiceName, file: 'main' | 'migrate'): string {
    return path.join(ROOT, 'dist', 'apps', service, 'src', `${file}.js`);
  }

  /** Drops and re-creates every service database, then migrates and seeds it. */
  async resetDatabases(services: readonly ServiceName[] = SERVICES): Promise<void> {
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    try {
      for (const s of services) {
        const db = `${this.dbPrefix}_${s.replace(/-/g, '_')}`;
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${db}`);
      }
    } finally {
      await admin.end();
    }
    await Promise.all(
      services.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, [this.entry(s, 'migrate'), '--seed'], {
              env: this.env(s),
              stdio: ['ignore', 'pipe', 'pipe'],
            });
            let out = '';
            child.stdout.on('data', (d) => (out += d));
            child.stderr.on('data', (d) => (out += d));
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`migrate ${s} failed (${code}): ${out}`))));
          }),
      ),
    );
  }

  /** Flushes the Redis database the services use (BullMQ alarms). */
  flushRedis(): void {
    const db = new URL(this.redisUrl).pathname.replace('/', '') || '0';
    execFileSync('redis-cli', ['-n', db, 'FLUSHDB']);
  }

  async start(service: ServiceName, extraEnv: Record<string, string> = {}): Promise<void> {
    const previous = this.processes.get(service);
    if (previous && previous.exitCode === null && previous.signalCode === null) throw new Error(`${service} is already running`);
    const squatter = await fetch(`${this.url(service)}/health/live`).then(
      () => true,
      () => false,
    );
    if (squatter) throw new Error(`port ${this.port(service)} for ${service} is taken by another process`);
    const log = createWriteStream(path.join(this.logDir, `${service}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', this.entry(service, 'main')], {
      env: this.env(service, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.processes.set(service, child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`${service} exited (${code ?? signal}) while starting; see ${this.logDir}/${service}.log`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      eventually(async () => (await fetch(`${this.url(service)}/health/ready`)).status === 200, 60_000, `${service} to become ready`, 250),
    ]);
  }

  async startAll(extraEnv: Record<string, string> = {}): Promise<void> {
    await Promise.all(SERVICES.map((s) => this.start(s, extraEnv)));
  }

  /** Stops a service: SIGTERM for a graceful stop, SIGKILL to simulate a crash. Resolves when it has exited. */
  async stop(service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all(SERVICES.map((s) => this.stop(s)));
  }

  api(service: ServiceName, token?: string): ApiClient {
    return new ApiClient(this.url(service), token);
  }

  async login(username: string, password = 'demo-password'): Promise<string> {
    const res = await this.api('identity').post<{ accessToken: string }>('/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  /** Runs SQL against a service's own database (tests only: to observe effects or tamper on purpose). */
  async query<T = Record<string, unknown>>(service: ServiceName, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl(service) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}
