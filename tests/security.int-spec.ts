import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AuditTrail, KNOWN_DEMO_SECRETS, SystemClock, createDataSource } from '@mes/platform';
import { ServiceName, TestSystem } from '@mes/testing';

const ROOT = path.resolve(__dirname, '..');
const PRIVATE_SECRET = 'p'.repeat(48);

/** Starts a service's main.js and waits for it to exit by itself (a refused start), with what it wrote. */
function refusedStart(
  system: TestSystem,
  service: ServiceName,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps', service, 'src/main.js')], {
      env: system.env(service, env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`${service} did not refuse to start: ${output}`))), 30_000);
    child.on('exit', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

describe('security at the edge and in identity', () => {
  const system = new TestSystem();
  const tokens: Record<string, string> = {};
  const loginAs = (username: string, password: string) => system.api('identity').post('/auth/login', { username, password });

  beforeAll(async () => {
    await system.resetDatabases(['identity', 'batch-record']);
    // Login locks of 3 s so the test can wait one out.
    await system.start('identity', { LOGIN_LOCKOUT_MINUTES: '0.05' });
    await system.start('batch-record');
    for (const u of ['qa', 'admin', 'operator', 'supervisor', 'clinic-a']) tokens[u] = await system.login(u);
  }, 180_000);

  afterAll(async () => {
    await system.stopAll();
  }, 60_000);

  describe('production start refusals', () => {
    it.each(KNOWN_DEMO_SECRETS)('should refuse to start with NODE_ENV=production and the published secret %s', async (secret) => {
      const { code, output } = await refusedStart(system, 'inventory', { NODE_ENV: 'production', AUTH_JWT_SECRET: secret });

      expect(code).toBe(78);
      expect(output).toContain('AUTH_JWT_SECRET: is a published demo secret');
    });

    it('should refuse to start with NODE_ENV=production and an accelerated clock', async () => {
      const { code, output } = await refusedStart(system, 'qc-release', {
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: PRIVATE_SECRET,
        CLOCK_FACTOR: '1440',
      });

      expect(code).toBe(78);
      expect(output).toContain('CLOCK_FACTOR: is 1440');
    });

    it('should refuse to start identity with NODE_ENV=production while the demo users are seeded', async () => {
      const { code, output } = await refusedStart(system, 'identity', {
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: PRIVATE_SECRET,
        PORT: String(system.port('identity') + 50),
        PROCESS_ROLES: 'api',
      });

      expect(code).toBe(78);
      expect(output).toMatch(/demo users are seeded \(.*\bqa\b.*\)/);
    });
  });

  describe('login and signature lockout', () => {
    it('should let QA log in again after the window, and sign meanwhile, when three anonymous wrong logins locked the account', async () => {
      // Arrange: three wrong passwords from someone who has no token.
      for (let i = 0; i < 2; i++) expect((await loginAs('qa', `guess-${i}`)).status).toBe(401);
      const third = await loginAs('qa', 'guess-2');
      const meanwhile = await loginAs('qa', 'demo-password');
      const signing = await system.api('identity', tokens.qa).post('/auth/reauthenticate', { username: 'qa', password: 'demo-password' });

      // Act
      await new Promise((r) => setTimeout(r, 3_500));
      const after = await loginAs('qa', 'demo-password');

      // Assert
      expect(third.status).toBe(423);
      expect(third.body.detail).toContain('try again after');
      expect(meanwhile.status).toBe(423);
      expect(signing.status).toBe(200);
      expect(after.status).toBe(200);
      const [row] = await system.query('identity', `SELECT locked_at, login_lockouts FROM app_user WHERE username = 'qa'`);
      expect(row).toEqual({ locked_at: null, login_lockouts: 0 });
    });

    it('should keep a signature lockout until an administrator unlocks it', async () => {
      // Arrange
      const supervisor = system.api('identity', tokens.supervisor);
      for (let i = 0; i < 3; i++) await supervisor.post('/auth/reauthenticate', { username: 'supervisor', password: `wrong-${i}` });

      // Act
      await new Promise((r) => setTimeout(r, 3_500));
      const stillLocked = await supervisor.post('/auth/reauthenticate', { username: 'supervisor', password: 'demo-password' });
      const unlock = await system.api('identity', tokens.admin).post('/users/supervisor/unlock', { reason: 'security test' });
      const afterUnlock = await supervisor.post('/auth/reauthenticate', { username: 'supervisor', password: 'demo-password' });

      // Assert
      expect(stillLocked.status).toBe(423);
      expect(stillLocked.body.detail).toContain('an administrator must unlock it');
      expect(unlock.status).toBe(200);
      expect(afterUnlock.status).toBe(200);
    });
  });

  describe('input hygiene', () => {
    it('should answer 400 naming the field when POST /auth/login carries a NUL, without a token', async () => {
      const res = await system.api('identity').postRaw('/auth/login', '{"username":"qa\\u0000","password":"x"}');

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'username', reason: expect.stringContaining('NUL') }]);
    });

    it('should refuse a lone surrogate in a training reason with 400 and keep the audit chain verifying', async () => {
      // Arrange
      const qa = system.api('batch-record', tokens.qa);
      const [{ code }] = (await qa.get<{ code: string }[]>('/training/operations')).body;
      const before = await system.query('batch-record', 'SELECT count(*)::int AS n FROM platform_audit');
      const body = `{"username":"trainee","operationCode":"${code}","validUntil":"2099-01-01T00:00:00Z","reason":"course \\udc00 done"}`;

      // Act
      const res = await qa.postRaw('/training', body);

      // Assert
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'reason', reason: expect.stringContaining('surrogate') }]);
      expect(await system.query('batch-record', 'SELECT count(*)::int AS n FROM platform_audit')).toEqual(before);
      expect((await qa.get('/audit-trail/verify')).body).toMatchObject({ ok: true });
    });

    it('should answer 413 over the limit and 415 for another charset, form data or text, on every service it runs', async () => {
      for (const service of ['identity', 'batch-record'] as const) {
        const api = system.api(service, tokens.admin);
        const huge = await api.postRaw('/auth/login', JSON.stringify({ username: 'x'.repeat(3 * 1024 * 1024), password: 'x' }));
        expect(huge.status).toBe(413);
        for (const type of ['application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded']) {
          const res = await api.postRaw('/training', 'username=x', type);
          expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 415, code: 'unsupported-media-type' });
        }
      }
    });

    it('should keep the audit chain verifying when an entry holds a lone surrogate (it hashes what Postgres stores)', async () => {
      // Arrange: an internal writer (not HTTP) hands the audit trail a lone surrogate.
      const ds = await createDataSource({
        url: system.databaseUrl('identity'),
        entities: [],
        migrations: [],
        applicationName: 'security-test',
      }).initialize();
      try {
        await ds.transaction((tx) =>
          new AuditTrail(new SystemClock()).append(tx, {
            actor: { id: 'test', name: 'Test \ud800' },
            action: 'create',
            entity: 'probe',
            entityId: 'p1',
            newValue: { note: 'half a pair \udc00' },
            reason: 'lone \ud83d',
          }),
        );
      } finally {
        await ds.destroy();
      }

      // Act
      const verify = await system.api('identity', tokens.admin).get('/audit-trail/verify');

      // Assert
      expect(verify.body).toMatchObject({ ok: true });
      const [row] = await system.query('identity', `SELECT reason, new_value FROM platform_audit WHERE entity = 'probe'`);
      expect(row).toEqual({ reason: 'lone \uFFFD', new_value: { note: 'half a pair \uFFFD' } });
    });
  });

  describe('user references', () => {
    it('should refuse training for a user name identity does not have, and grant it to one it has', async () => {
      // Arrange
      const qa = system.api('batch-record', tokens.qa);
      const [{ code }] = (await qa.get<{ code: string }[]>('/training/operations')).body;
      const grant = (username: string) =>
        qa.post('/training', { username, operationCode: code, validUntil: '2099-01-01T00:00:00Z', reason: 'course TR-1' });

      // Act
      const ghost = await grant('nobody-of-that-name');
      const trainee = await grant('trainee');

      // Assert
      expect(ghost.status).toBe(422);
      expect(ghost.body).toMatchObject({ code: 'unknown-user', errors: [{ field: 'username', reason: 'is not a user' }] });
      expect(await system.query('batch-record', `SELECT 1 FROM training_record WHERE username = 'nobody-of-that-name'`)).toEqual([]);
      expect(trainee.status).toBe(200);
    });

    it('should refuse a training grant with 503 and record nothing when identity cannot be asked', async () => {
      // Arrange
      const qa = system.api('batch-record', tokens.qa);
      const [{ code }] = (await qa.get<{ code: string }[]>('/training/operations')).body;
      const count = () => system.query('batch-record', 'SELECT count(*)::int AS n FROM training_record');
      const before = await count();
      await system.stop('identity');

      // Act
      const res = await qa.post('/training', {
        username: 'operator2',
        operationCode: code,
        validUntil: '2099-01-01T00:00:00Z',
        reason: 'course TR-2',
      });

      // Assert
      await system.start('identity', { LOGIN_LOCKOUT_MINUTES: '0.05' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('identity-unavailable');
      expect(await count()).toEqual(before);
    });
  });

  describe('security headers', () => {
    it('should send helmet headers and still serve Swagger UI at /docs with everything it loads', async () => {
      // Act
      const page = await fetch(`${system.url('batch-record')}/docs`);
      const html = await page.text();
      const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => new URL(m[1], page.url).href);

      // Assert
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
      expect(csp).toMatch(/img-src [^;]*data:/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(scripts.length).toBeGreaterThan(0);
      for (const src of scripts) {
        expect(new URL(src).origin).toBe(system.url('batch-record'));
        expect((await fetch(src)).status).toBe(200);
      }
    });
  });

  describe('rate limits and logs', () => {
    it('should answer 429 with Retry-After when one account gets more login attempts than the limit', async () => {
      // Arrange
      await system.stop('identity');
      await system.start('identity', { AUTH_RATE_LIMIT_PER_ACCOUNT: '3', AUTH_RATE_LIMIT_PER_IP: '100' });
      for (let i = 0; i < 3; i++) expect((await loginAs('materials', 'demo-password')).status).toBe(200);

      // Act
      const limited = await loginAs('materials', 'demo-password');
      const other = await loginAs('operator', 'demo-password');

      // Assert
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'too-many-requests' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(other.status).toBe(200);
    });

    it('should never write a token of this run to a service log, an SSE ?access_token= included', async () => {
      // Arrange: a query token on a URL the service logs when it fails.
      await fetch(`${system.url('batch-record')}/training?access_token=${tokens.operator}&username=%00`);
      await fetch(`${system.url('identity')}/auth/me?access_token=${tokens['clinic-a']}`);
      await new Promise((r) => setTimeout(r, 500));

      // Act
      const logs = (['identity', 'batch-record'] as const)
        .map((s) => readFileSync(path.join(system.logDir, `${s}.log`), 'utf8'))
        .join('\n');

      // Assert
      for (const token of Object.values(tokens)) expect(logs).not.toContain(token.split('.')[2]);
    });
  });
});
