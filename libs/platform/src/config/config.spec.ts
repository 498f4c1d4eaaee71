import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, KNOWN_DEMO_SECRETS, baseConfigSchema, loadConfig } from './config';

const validEnv = (): NodeJS.ProcessEnv => ({
  SERVICE_NAME: 'batch-record',
  PORT: '3001',
  DATABASE_URL: 'postgres://mes:mes@localhost:5432/batch_record',
  REDIS_URL: 'redis://localhost:6379',
  KAFKA_BROKERS: 'localhost:9092',
  AUTH_JWT_SECRET: 'x'.repeat(32),
});

function problemsOf(env: NodeJS.ProcessEnv, schema: z.ZodType = baseConfigSchema): string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe(loadConfig.name, () => {
  it('should apply the defaults when only the required settings are given', () => {
    // Act
    const config = loadConfig(baseConfigSchema, validEnv());

    // Assert
    expect(config).toMatchObject({
      PORT: 3001,
      AUTH_JWT_ISSUER: 'mes-identity',
      AUTH_JWT_AUDIENCE: 'mes',
      CLOCK_FACTOR: 1,
      PROCESS_ROLES: ['api', 'consumer', 'worker'],
      TIMER_RECONCILE_INTERVAL_MS: 30_000,
      TIMER_HORIZON_HOURS: 24,
      OUTBOX_POLL_INTERVAL_MS: 1_000,
      OUTBOX_RELAY: 'on',
      CONSUMER_MAX_ATTEMPTS: 5,
      OUTBOX_MAX_ATTEMPTS: 5,
      OUTBOX_RETENTION_HOURS: 72,
      INBOX_RETENTION_DAYS: 30,
      KAFKA_RETENTION_DAYS: 7,
      LOG_LEVEL: 'info',
      MES_FAULT: 'none',
    });
    expect(config.CLOCK_ANCHOR).toBeUndefined();
  });

  it('should split KAFKA_BROKERS on commas and trim blanks when several brokers are listed', () => {
    // Arrange
    const env = { ...validEnv(), KAFKA_BROKERS: ' kafka-1:9092, kafka-2:9092 ,,kafka-3:9092,' };

    // Act
    const config = loadConfig(baseConfigSchema, env);

    // Assert
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9092', 'kafka-3:9092']);
  });

  it('should name KAFKA_BROKERS when it lists no broker at all', () => {
    // Act
    const problems = problemsOf({ ...validEnv(), KAFKA_BROKERS: ' , ' });

    // Assert
    expect(problems).toEqual(['KAFKA_BROKERS: must list at least one broker']);
  });

  it('should parse PROCESS_ROLES and coerce numbers when they are set', () => {
    // Arrange
    const env = { ...validEnv(), PROCESS_ROLES: 'worker, consumer', CLOCK_FACTOR: '360', CLOCK_ANCHOR: '2026-01-01T00:00:00Z' };

    // Act
    const config = loadConfig(baseConfigSchema, env);

    // Assert
    expect(config.PROCESS_ROLES).toEqual(['worker', 'consumer']);
    expect(config.CLOCK_FACTOR).toBe(360);
    expect(config.CLOCK_ANCHOR).toBe('2026-01-01T00:00:00Z');
  });

  it('should throw a ConfigError when a setting is bad', () => {
    // Act / Assert
    expect(() => loadConfig(baseConfigSchema, { ...validEnv(), PORT: 'eighty' })).toThrow(ConfigError);
  });

  it('should name every bad setting at once when several are wrong', () => {
    // Arrange
    const env: NodeJS.ProcessEnv = { ...validEnv(), AUTH_JWT_SECRET: 'too-short', PROCESS_ROLES: 'api,janitor' };
    delete env.DATABASE_URL;

    // Act
    const problems = problemsOf(env);

    // Assert
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DATABASE_URL: /),
        'AUTH_JWT_SECRET: must be at least 32 characters',
        expect.stringMatching(/^PROCESS_ROLES\b/),
      ]),
    );
  });

  it('should name the setting and explain when a URL has the wrong scheme', () => {
    // Act
    const problems = problemsOf({ ...validEnv(), DATABASE_URL: 'mysql://db', REDIS_URL: 'http://redis' });

    // Assert
    expect(problems).toEqual(expect.arrayContaining(['DATABASE_URL: must be a postgres:// URL', 'REDIS_URL: must be a redis:// URL']));
  });

  it('should list the problems in the error message when it is thrown', () => {
    // Act / Assert
    expect(() => loadConfig(baseConfigSchema, { ...validEnv(), LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL/);
  });

  it('should name a service setting when the service extends the base schema', () => {
    // Arrange
    const schema = baseConfigSchema.extend({ RELEASE_SLA_DAYS: z.coerce.number().int().positive() });

    // Act
    const problems = problemsOf(validEnv(), schema);

    // Assert
    expect(problems).toEqual([expect.stringMatching(/^RELEASE_SLA_DAYS: /)]);
  });

  it('should refuse an inbox retention that is not longer than Kafka keeps messages', () => {
    // Act
    const problems = problemsOf({ ...validEnv(), INBOX_RETENTION_DAYS: '7', KAFKA_RETENTION_DAYS: '7' });

    // Assert
    expect(problems).toEqual([expect.stringMatching(/^INBOX_RETENTION_DAYS: must be longer than KAFKA_RETENTION_DAYS \(7\)/)]);
  });

  it('should accept an inbox retention longer than Kafka keeps messages', () => {
    // Act
    const config = loadConfig(baseConfigSchema, { ...validEnv(), INBOX_RETENTION_DAYS: '15', KAFKA_RETENTION_DAYS: '14' });

    // Assert
    expect(config).toMatchObject({ INBOX_RETENTION_DAYS: 15, KAFKA_RETENTION_DAYS: 14 });
  });

  describe('in production', () => {
    const production = (extra: NodeJS.ProcessEnv = {}) => ({
      ...validEnv(),
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'k'.repeat(48),
      ...extra,
    });

    it('should start when the secret is private and the clock is real', () => {
      expect(loadConfig(baseConfigSchema, production())).toMatchObject({ NODE_ENV: 'production', CLOCK_FACTOR: 1 });
    });

    it('should refuse every demo secret published in the repository', () => {
      // Arrange: the secrets as the repository's own files set them, so the list cannot drift from them.
      const root = path.resolve(__dirname, '../../../..');
      const published = [
        /AUTH_JWT_SECRET:-([^}"]+)/.exec(readFileSync(path.join(root, 'tools/env.sh'), 'utf8'))?.[1],
        /AUTH_JWT_SECRET=(\S+)/.exec(readFileSync(path.join(root, 'deploy/compose.env'), 'utf8'))?.[1],
        /AUTH_JWT_SECRET: '([^']+)'/.exec(readFileSync(path.join(root, 'libs/testing/src/test-system.ts'), 'utf8'))?.[1],
      ];
      expect(published).toEqual(KNOWN_DEMO_SECRETS);

      // Act / Assert
      for (const secret of published) {
        expect(problemsOf(production({ AUTH_JWT_SECRET: secret }))).toEqual([
          expect.stringMatching(/^AUTH_JWT_SECRET: is a published demo secret/),
        ]);
      }
    });

    it('should refuse an accelerated clock and fault injection, naming each', () => {
      // Act
      const problems = problemsOf(production({ CLOCK_FACTOR: '1440', MES_FAULT: 'crash-after-publish' }));

      // Assert
      expect(problems).toEqual([expect.stringMatching(/^CLOCK_FACTOR: is 1440/), expect.stringMatching(/^MES_FAULT: /)]);
    });

    it('should allow the demo secret and an accelerated clock outside production', () => {
      expect(() =>
        loadConfig(baseConfigSchema, { ...validEnv(), AUTH_JWT_SECRET: KNOWN_DEMO_SECRETS[0], CLOCK_FACTOR: '1440' }),
      ).not.toThrow();
    });
  });
});
