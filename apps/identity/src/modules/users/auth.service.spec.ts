import { TokenVerifier } from '@mes/platform';
import { AuthService } from './auth.service';
import { TEST_CONFIG, fakeIdentity, refusalOf, signerOf } from './users.fakes';

const verifier = new TokenVerifier({
  secret: TEST_CONFIG.AUTH_JWT_SECRET,
  issuer: TEST_CONFIG.AUTH_JWT_ISSUER,
  audience: TEST_CONFIG.AUTH_JWT_AUDIENCE,
});

function setUp() {
  const identity = fakeIdentity();
  const qa = identity.store.addUser('qa');
  return { ...identity, qa };
}

describe(AuthService.name, () => {
  it('should issue a token carrying a new random session id when the credentials are right', async () => {
    // Arrange
    const { auth } = setUp();

    // Act
    const first = await auth.login('qa', 'right-password');
    const second = await auth.login('qa', 'right-password');

    // Assert
    const sid1 = verifier.verify(first.accessToken).sessionId;
    const sid2 = verifier.verify(second.accessToken).sessionId;
    expect(sid1).toMatch(/^[0-9a-f-]{36}$/);
    expect(sid2).toMatch(/^[0-9a-f-]{36}$/);
    expect(sid1).not.toBe(sid2);
    expect(first.user.sessionId).toBe(sid1);
  });

  it('should audit a successful login with its session id', async () => {
    // Arrange
    const { auth, store, qa } = setUp();

    // Act
    const { user } = await auth.login('qa', 'right-password');

    // Assert
    expect(store.auditOf('login')).toMatchObject([{ entityId: qa.id, newValue: { outcome: 'authenticated', sessionId: user.sessionId } }]);
  });

  it('should answer 401, count the failure and audit it when the password is wrong', async () => {
    // Arrange
    const { auth, store } = setUp();

    // Act
    const error = await refusalOf(auth.login('qa', 'wrong'));

    // Assert
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(store.user('qa').failedLoginAttempts).toBe(1);
    expect(store.auditOf('login').map((e) => e.newValue)).toEqual([
      { outcome: 'rejected', cause: 'wrong-password', failedAttempts: 1, lockedNow: false },
    ]);
  });

  it('should answer 401 and record nothing when the user is unknown', async () => {
    // Arrange
    const { auth, store } = setUp();

    // Act
    const error = await refusalOf(auth.login('nobody', 'right-password'));

    // Assert
    expect(error).toMatchObject({ status: 401 });
    expect(store.audit).toEqual([]);
  });

  it('should reset the failed login count when a login succeeds', async () => {
    // Arrange
    const { auth, store } = setUp();
    await refusalOf(auth.login('qa', 'wrong'));
    await refusalOf(auth.login('qa', 'wrong'));

    // Act
    await auth.login('qa', 'right-password');

    // Assert
    expect(store.user('qa').failedLoginAttempts).toBe(0);
  });

  it('should lock the account with reason failed-logins and answer 423 when failed logins reach the limit', async () => {
    // Arrange
    const { auth, store, qa } = setUp();
    await refusalOf(auth.login('qa', 'wrong'));
    await refusalOf(auth.login('qa', 'wrong'));

    // Act
    const error = await refusalOf(auth.login('qa', 'wrong'));

    // Assert
    expect(error).toMatchObject({ status: 423, code: 'account-locked', errors: [{ field: 'account', reason: 'locked: failed-logins' }] });
    expect(store.user('qa')).toMatchObject({ lockReason: 'failed-logins', failedLoginAttempts: 3 });
    expect(store.events).toMatchObject([
      { type: 'identity.user.locked', subject: qa.id, data: { reason: 'failed-logins', failedAttempts: 3 } },
    ]);
  });

  it('should refuse a locked account with 423 naming the reason even with the right password', async () => {
    // Arrange
    const { auth, signatures, store, qa } = setUp();
    for (let i = 0; i < 3; i++) await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

    // Act
    const error = await refusalOf(auth.login('qa', 'right-password'));

    // Assert
    expect(error).toMatchObject({
      status: 423,
      code: 'account-locked',
      errors: [{ field: 'account', reason: 'locked: failed-signatures' }],
    });
    expect(store.auditOf('login').map((e) => e.newValue)).toEqual([{ outcome: 'refused-locked', lockReason: 'failed-signatures' }]);
  });

  it('should count failed logins and failed signatures separately', async () => {
    // Arrange
    const { auth, signatures, store, qa } = setUp();

    // Act
    await refusalOf(auth.login('qa', 'wrong'));
    await refusalOf(auth.login('qa', 'wrong'));
    await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));
    await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

    // Assert
    expect(store.user('qa')).toMatchObject({ failedLoginAttempts: 2, failedSignatureAttempts: 2, lockedAt: null });
  });

  it('should let QA log in again after the login lock runs out when three anonymous wrong passwords locked it', async () => {
    // Arrange
    const { auth, store, clock, qa } = setUp();
    for (let i = 0; i < 3; i++) await refusalOf(auth.login('qa', 'guess'));
    clock.advance(14 * 60_000);
    const stillLocked = await refusalOf(auth.login('qa', 'right-password'));

    // Act
    clock.advance(60_000);
    const result = await auth.login('qa', 'right-password');

    // Assert
    expect(stillLocked).toMatchObject({ status: 423, message: expect.stringContaining('try again after 2026-06-01T08:15:00.000Z') });
    expect(result.user.username).toBe('qa');
    expect(store.user('qa')).toMatchObject({
      lockedAt: null,
      lockReason: null,
      lockedUntil: null,
      failedLoginAttempts: 0,
      loginLockouts: 0,
    });
    expect(store.auditOf('user-account').map((e) => e.reason)).toEqual([
      '3 consecutive failed logins (limit 3), locked until 2026-06-01T08:15:00.000Z',
      'login lock ran out at 2026-06-01T08:15:00.000Z',
    ]);
    expect(store.auditOf('user-account')[1]).toMatchObject({ entityId: qa.id, newValue: { locked: false } });
  });

  it('should lock for the same 15 minutes when the login lock is reached again without a successful login', async () => {
    // Arrange
    const { auth, store, clock } = setUp();
    for (let i = 0; i < 3; i++) await refusalOf(auth.login('qa', 'guess'));
    clock.advance(15 * 60_000);

    // Act
    for (let i = 0; i < 3; i++) await refusalOf(auth.login('qa', 'guess'));

    // Assert
    expect(store.user('qa')).toMatchObject({ loginLockouts: 2, lockedUntil: new Date('2026-06-01T08:30:00.000Z') });
  });

  it('should keep a signature lock until an administrator unlocks it, however long QA waits', async () => {
    // Arrange
    const { auth, signatures, clock, qa } = setUp();
    for (let i = 0; i < 3; i++) await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

    // Act
    clock.advance(30 * 24 * 3600_000);
    const login = await refusalOf(auth.login('qa', 'right-password'));
    const signature = await refusalOf(signatures.reauthenticate(signerOf(qa, 's2'), { username: 'qa', password: 'right-password' }));

    // Assert
    expect(login).toMatchObject({ status: 423, message: expect.stringContaining('an administrator must unlock it') });
    expect(signature).toMatchObject({ status: 423, errors: [{ field: 'account', reason: 'locked: failed-signatures' }] });
  });
});
