import { Body, Controller, Global, HttpCode, INestApplication, Module, Post, UseGuards } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { JsonLogger, SERVICE_CONFIG, configureApp } from '@mes/platform';
import { CredentialThrottleGuard, CredentialThrottleModule, accountTracker } from './credential-throttle';

let attempts = 0;

@Controller('auth')
class LoginController {
  @Post('login')
  @UseGuards(CredentialThrottleGuard)
  @HttpCode(200)
  login(@Body() body: unknown) {
    attempts++;
    return body;
  }
}

@Global()
@Module({
  providers: [
    {
      provide: SERVICE_CONFIG,
      useValue: {
        AUTH_RATE_LIMIT_WINDOW_SECONDS: 60,
        AUTH_RATE_LIMIT_PER_IP: 5,
        AUTH_RATE_LIMIT_PER_ACCOUNT: 3,
        AUTH_RATE_LIMIT_PER_SIGNER: 4,
      },
    },
  ],
  exports: [SERVICE_CONFIG],
})
class ConfigModule {}

@Module({ imports: [ConfigModule, CredentialThrottleModule], controllers: [LoginController], providers: [CredentialThrottleGuard] })
class LoginModule {}

describe(CredentialThrottleGuard.name, () => {
  let app: INestApplication;
  const login = (username: string) =>
    request(app.getHttpServer()).post('/auth/login').set('content-type', 'application/json').send({ username, password: 'guess' });

  beforeEach(async () => {
    attempts = 0;
    const moduleRef = await Test.createTestingModule({ imports: [LoginModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureApp(app, new JsonLogger('identity', 'error'));
    await app.init();
  });
  afterEach(() => app.close());

  it('should answer 429 problem with Retry-After, without reaching the handler, when one account gets too many attempts', async () => {
    // Arrange
    for (let i = 0; i < 3; i++) expect((await login('qa')).status).toBe(200);

    // Act
    const res = await login('QA ');

    // Assert
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 429, code: 'too-many-requests' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(attempts).toBe(3);
  });

  it('should limit one client IP across accounts', async () => {
    // Arrange
    for (const user of ['a', 'b', 'c', 'd', 'e']) expect((await login(user)).status).toBe(200);

    // Act
    const res = await login('f');

    // Assert
    expect(res.status).toBe(429);
    expect(attempts).toBe(5);
  });
});

describe('CredentialThrottleGuard for signed-in callers', () => {
  let app: INestApplication;

  beforeEach(async () => {
    attempts = 0;
    const moduleRef = await Test.createTestingModule({ imports: [LoginModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureApp(app, new JsonLogger('identity', 'error'));
    // Stands in for the access guard, which sets the signed-in caller before this guard runs.
    app.use((req: { headers: Record<string, string>; user?: { id: string } }, _res: unknown, next: () => void) => {
      req.user = { id: req.headers['x-test-user'] };
      next();
    });
    await app.init();
  });
  afterEach(() => app.close());

  it('should limit re-authentication per signer only, above the login limit, since the services relay it from their own IP', async () => {
    // Arrange
    const attempt = (user: string) =>
      request(app.getHttpServer())
        .post('/auth/login')
        .set('content-type', 'application/json')
        .set('x-test-user', user)
        .send({ password: 'x' });

    // Act
    const statuses = [];
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']) statuses.push((await attempt(user)).status);
    for (let i = 0; i < 4; i++) statuses.push((await attempt('u1')).status);

    // Assert
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429]);
  });
});

describe('accountTracker', () => {
  it('should track the signer by token, a login by user name, and otherwise the IP', () => {
    expect(accountTracker({ user: { id: 'u1' }, body: { username: 'x' } })).toBe('user:u1');
    expect(accountTracker({ body: { username: ' QA' } })).toBe('username:qa');
    expect(accountTracker({ body: { username: 42 }, ip: '10.0.0.1' })).toBe('ip:10.0.0.1');
  });
});
