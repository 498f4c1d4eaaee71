import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const roles = ['api', 'consumer', 'worker'] as const;
export type ProcessRole = (typeof roles)[number];

/** Settings every service reads; a service extends this with its own. */
export const baseConfigSchema = z.object({
  /** `production` turns on the start refusals below (demo secret, accelerated clock, fault injection). */
  NODE_ENV: z.string().default('development'),
  SERVICE_NAME: z.string().min(1),
  PORT: z.coerce.number().int().min(1).max(65535),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  KAFKA_BROKERS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string()).min(1, 'must list at least one broker')),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  AUTH_JWT_ISSUER: z.string().default('mes-identity'),
  AUTH_JWT_AUDIENCE: z.string().default('mes'),
  /** Where e-signature passwords are checked (the identity service, or an OIDC-fronting adapter). */
  IDENTITY_URL: z.url().default('http://127.0.0.1:3000'),
  CLOCK_FACTOR: z.coerce.number().positive().default(1),
  CLOCK_ANCHOR: z.iso.datetime({ offset: true }).optional(),
  PROCESS_ROLES: z
    .string()
    .default('api,consumer,worker')
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(roles)).min(1)),
  TIMER_RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  TIMER_HORIZON_HOURS: z.coerce.number().positive().default(24),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  /** Kafka refusals of one outbox row before the relay abandons it and raises a staff alert. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** Published outbox rows are kept this long (for diagnosis), then purged; unpublished and abandoned rows never are. */
  OUTBOX_RETENTION_HOURS: z.coerce.number().positive().default(72),
  /** Consumed event ids are kept this long; must exceed KAFKA_RETENTION_DAYS or a redelivered event could be applied twice. */
  INBOX_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** How long our event topics keep messages (set as retention.ms on them at boot; 7 days = Kafka's default log.retention.hours=168). */
  KAFKA_RETENTION_DAYS: z.coerce.number().positive().default(7),
  /** How often the worker purges published outbox rows and old inbox ids. */
  PURGE_INTERVAL_MS: z.coerce.number().int().positive().default(3_600_000),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Test-only fault injection; never set in production. */
  MES_FAULT: z.enum(['none', 'crash-after-publish']).default('none'),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Secrets published in this repository (tools/env.sh, deploy/compose.env, the test harness): anyone can mint tokens with them. */
export const KNOWN_DEMO_SECRETS: readonly string[] = [
  'local-demo-secret-change-me-in-production-0123456789',
  'demo-only-jwt-secret-CHANGE-ME-not-for-production-0123456789',
  'integration-test-secret-0123456789-abcdefghij',
];

/** What a production process must not run with; each is fine in a demo or a test. */
export function productionRefusals(config: Partial<BaseConfig>): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const refusals: string[] = [];
  const secret = config.AUTH_JWT_SECRET ?? '';
  if (KNOWN_DEMO_SECRETS.includes(secret) || /change-?me/i.test(secret)) {
    refusals.push('AUTH_JWT_SECRET: is a published demo secret; set a random secret of at least 32 characters for NODE_ENV=production');
  }
  if (config.CLOCK_FACTOR !== undefined && config.CLOCK_FACTOR !== 1) {
    refusals.push(`CLOCK_FACTOR: is ${config.CLOCK_FACTOR}; NODE_ENV=production runs on real time (1)`);
  }
  if (config.MES_FAULT !== undefined && config.MES_FAULT !== 'none') {
    refusals.push(`MES_FAULT: is ${config.MES_FAULT}; fault injection is for tests, never NODE_ENV=production`);
  }
  return refusals;
}

/** Parses the environment once at boot; every problem is named, so a bad deploy says what to fix; unsafe production settings are refused. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const problems = [...retentionProblems(result.data as Partial<BaseConfig>), ...productionRefusals(result.data as Partial<BaseConfig>)];
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** The inbox must remember an event id for longer than Kafka can redeliver the event. */
function retentionProblems(config: Partial<BaseConfig>): string[] {
  const { INBOX_RETENTION_DAYS: inbox, KAFKA_RETENTION_DAYS: kafka } = config;
  if (inbox === undefined || kafka === undefined || inbox > kafka) return [];
  return [`INBOX_RETENTION_DAYS: must be longer than KAFKA_RETENTION_DAYS (${kafka}), or a redelivered event could be applied twice`];
}
