import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessGuard, AuthUser, ForbiddenProblem, TokenIssuer, TokenVerifier } from '@mes/platform';
import { UserAdminService } from './user-admin.service';
import { UsersController } from './users.controller';
import { TEST_CONFIG, fakeIdentity, refusalOf, signerOf } from './users.fakes';

async function setUpLocked() {
  const identity = fakeIdentity();
  const qa = identity.store.addUser('qa');
  const admin = signerOf(identity.store.addUser('admin', ['admin']));
  for (let i = 0; i < 3; i++) await refusalOf(identity.signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));
  await refusalOf(identity.auth.login('qa', 'wrong'));
  return { ...identity, qa, adminUser: admin };
}

describe(UserAdminService.name, () => {
  it('should list every account with its lock state and failure counts', async () => {
    // Arrange
    const { admin, qa } = await setUpLocked();

    // Act
    const users = await admin.list();

    // Assert
    expect(users.map((u) => u.username)).toEqual(['admin', 'qa']);
    expect(users[1]).toEqual({
      id: qa.id,
      username: 'qa',
      displayName: qa.displayName,
      roles: ['qa'],
      clinicId: null,
      active: true,
      locked: true,
      lockReason: 'failed-signatures',
      lockedAt: '2026-06-01T08:00:00.000Z',
      lockedUntil: null,
      failedSignatureAttempts: 3,
      failedLoginAttempts: 0,
    });
    expect(users[1]).not.toHaveProperty('passwordHash');
  });

  it('should unlock, reset both counters, audit and publish UserUnlockedV1 when an admin unlocks a locked account', async () => {
    // Arrange
    const { admin, adminUser, store, qa, clock } = await setUpLocked();
    store.users.get('qa')!.failedLoginAttempts = 2;
    store.platform.outbox.recorded.length = 0;
    clock.advance(60_000);

    // Act
    const view = await admin.unlock(adminUser, 'qa', 'identity confirmed by the supervisor');

    // Assert
    expect(view).toMatchObject({ locked: false, lockReason: null, lockedAt: null, failedSignatureAttempts: 0, failedLoginAttempts: 0 });
    expect(store.user('qa')).toMatchObject({ lockedAt: null, lockReason: null, failedSignatureAttempts: 0, failedLoginAttempts: 0 });
    expect(store.events).toEqual([
      {
        type: 'identity.user.unlocked',
        subject: qa.id,
        data: { userId: qa.id, username: 'qa', unlockedBy: 'admin', unlockedAt: '2026-06-01T08:01:00.000Z' },
      },
    ]);
    expect(store.auditOf('user-account').at(-1)).toMatchObject({
      actor: { id: adminUser.id, name: adminUser.name },
      action: 'update',
      entityId: qa.id,
      oldValue: { locked: true, lockReason: 'failed-signatures', failedSignatureAttempts: 3, failedLoginAttempts: 2 },
      newValue: { locked: false, lockReason: null, failedSignatureAttempts: 0, failedLoginAttempts: 0 },
      reason: 'identity confirmed by the supervisor',
    });
  });

  it('should let the user log in and sign again when the account has been unlocked', async () => {
    // Arrange
    const { admin, adminUser, auth, signatures, qa } = await setUpLocked();

    // Act
    await admin.unlock(adminUser, 'qa', null);
    const login = await auth.login('qa', 'right-password');
    const signed = await signatures.reauthenticate(signerOf(qa, login.user.sessionId), { username: 'qa', password: 'right-password' });

    // Assert
    expect(signed.verified).toBe(true);
  });

  it('should answer 404 when the username is unknown', async () => {
    // Arrange
    const { admin, adminUser } = await setUpLocked();

    // Act
    const error = await refusalOf(admin.unlock(adminUser, 'nobody', null));

    // Assert
    expect(error).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('should answer 409 and change nothing when the account is not locked', async () => {
    // Arrange
    const { admin, adminUser, store } = await setUpLocked();
    const before = store.events.length;

    // Act
    const error = await refusalOf(admin.unlock(adminUser, 'admin', null));

    // Assert
    expect(error).toMatchObject({ status: 409, code: 'account-not-locked' });
    expect(store.events).toHaveLength(before);
  });
});

describe(UsersController.name, () => {
  const settings = { secret: TEST_CONFIG.AUTH_JWT_SECRET, issuer: TEST_CONFIG.AUTH_JWT_ISSUER, audience: TEST_CONFIG.AUTH_JWT_AUDIENCE };
  const contextFor = (handler: (...args: never[]) => unknown, user: AuthUser) =>
    ({
      getHandler: () => handler,
      getClass: () => UsersController,
      switchToHttp: () => ({
        getRequest: () => ({ headers: { authorization: `Bearer ${new TokenIssuer(settings).issue(user).accessToken}` } }),
      }),
    }) as unknown as ExecutionContext;
  const guard = new AccessGuard(new Reflector(), new TokenVerifier(settings));
  const supervisor: AuthUser = { id: 'u-1', username: 'supervisor', name: 'Sam', roles: ['supervisor', 'qa'], clinicId: null };

  it.each([
    ['unlock', UsersController.prototype.unlock],
    ['list', UsersController.prototype.list],
  ])('should refuse %s to anyone but an admin', (_, handler) => {
    // Act / Assert
    expect(() => guard.canActivate(contextFor(handler, supervisor))).toThrow(ForbiddenProblem);
    expect(guard.canActivate(contextFor(handler, { ...supervisor, roles: ['admin'] }))).toBe(true);
  });
});
