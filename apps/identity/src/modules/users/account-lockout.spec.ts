import { LockoutPolicy, SecurityState, activeLock, afterFailure, afterSuccess, afterUnlock, lockRefusing } from './account-lockout';

const now = new Date('2026-06-01T08:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const policy: LockoutPolicy = { limit: 3, loginLockMs: 15 * 60_000 };
const fresh: SecurityState = {
  failedSignatureAttempts: 0,
  failedLoginAttempts: 0,
  lockedAt: null,
  lockReason: null,
  lockedUntil: null,
  loginLockouts: 0,
};

/** Three wrong logins in a row at `at`, from `state`. */
const threeWrongLogins = (state: SecurityState, at: Date) => [0, 1, 2].reduce((s) => afterFailure(s, 'login', policy, at).state, state);

describe('account lockout rules', () => {
  it('should count a failure without locking when it stays below the limit', () => {
    // Act
    const outcome = afterFailure({ ...fresh, failedSignatureAttempts: 1 }, 'signature', policy, now);

    // Assert
    expect(outcome).toEqual({ state: { ...fresh, failedSignatureAttempts: 2 }, attempts: 2, lockedNow: false });
  });

  it.each([
    ['signature', 'failedSignatureAttempts', 'failed-signatures'],
    ['login', 'failedLoginAttempts', 'failed-logins'],
  ] as const)('should lock with the reason of the %s counter when it reaches the limit', (kind, counter, reason) => {
    // Act
    const outcome = afterFailure({ ...fresh, [counter]: 2 }, kind, policy, now);

    // Assert
    expect(outcome.lockedNow).toBe(true);
    expect(outcome.state).toMatchObject({ [counter]: 3, lockedAt: now, lockReason: reason });
  });

  it('should lock a signature until an administrator unlocks it, however long ago it was', () => {
    // Act
    const locked = afterFailure({ ...fresh, failedSignatureAttempts: 2 }, 'signature', policy, now).state;

    // Assert
    expect(locked.lockedUntil).toBeNull();
    expect(activeLock(locked, minutes(60 * 24 * 365))).toBe('failed-signatures');
    expect(afterFailure(locked, 'login', policy, minutes(60 * 24)).state).toEqual(locked);
    expect(afterSuccess(locked, 'login', minutes(60 * 24))).toMatchObject({ lockedAt: now, lockReason: 'failed-signatures' });
  });

  it('should lock logins for 15 minutes and then let the person in again', () => {
    // Act
    const locked = threeWrongLogins(fresh, now);

    // Assert
    expect(locked).toMatchObject({ lockReason: 'failed-logins', lockedUntil: minutes(15), loginLockouts: 1 });
    expect(activeLock(locked, minutes(14.9))).toBe('failed-logins');
    expect(activeLock(locked, minutes(15))).toBeNull();
    expect(afterSuccess(locked, 'login', minutes(15))).toEqual(fresh);
  });

  it('should lock logins for the same 15 minutes each time they are locked again, never longer', () => {
    // Arrange / Act
    const first = threeWrongLogins(fresh, now);
    const second = threeWrongLogins(first, minutes(15));
    const third = threeWrongLogins(second, minutes(30));

    // Assert
    expect(second).toMatchObject({ loginLockouts: 2, lockedAt: minutes(15), lockedUntil: minutes(30) });
    expect(third).toMatchObject({ loginLockouts: 3, lockedAt: minutes(30), lockedUntil: minutes(45) });
  });

  it('should not refuse signatures when only logins are locked, and lock signatures when they fail up to the limit', () => {
    // Arrange
    const loginLocked = threeWrongLogins(fresh, now);

    // Act
    const oneWrong = afterFailure(loginLocked, 'signature', policy, minutes(1));
    const signatureLocked = afterFailure({ ...loginLocked, failedSignatureAttempts: 2 }, 'signature', policy, minutes(1));

    // Assert
    expect(lockRefusing(loginLocked, 'signature', minutes(1))).toBeNull();
    expect(lockRefusing(loginLocked, 'login', minutes(1))).toBe('failed-logins');
    expect(oneWrong).toMatchObject({ attempts: 1, lockedNow: false, state: { lockReason: 'failed-logins', failedSignatureAttempts: 1 } });
    expect(signatureLocked).toMatchObject({ lockedNow: true, state: { lockReason: 'failed-signatures', lockedUntil: null } });
    expect(lockRefusing(signatureLocked.state, 'signature', minutes(60 * 24))).toBe('failed-signatures');
    expect(lockRefusing(signatureLocked.state, 'login', minutes(60 * 24))).toBe('failed-signatures');
  });

  it('should count login failures from zero when a login lock has run out', () => {
    // Act
    const outcome = afterFailure(threeWrongLogins(fresh, now), 'login', policy, minutes(16));

    // Assert
    expect(outcome).toMatchObject({ attempts: 1, lockedNow: false, state: { lockedAt: null, failedLoginAttempts: 1, loginLockouts: 1 } });
  });

  it.each([
    ['a login lock', 'login', { failedLoginAttempts: 3, lockReason: 'failed-logins', lockedUntil: minutes(15) }],
    ['a signature lock', 'signature', { failedSignatureAttempts: 3, lockReason: 'failed-signatures', lockedUntil: null }],
    ['a signature lock', 'login', { failedSignatureAttempts: 3, lockReason: 'failed-signatures', lockedUntil: null }],
  ] as const)('should not count further or lock again when %s refuses a %s', (_, kind, lock) => {
    // Arrange
    const locked: SecurityState = { ...fresh, ...lock, lockedAt: now };

    // Act
    const outcome = afterFailure(locked, kind, policy, minutes(5));

    // Assert
    expect(outcome).toEqual({
      state: locked,
      attempts: locked[kind === 'login' ? 'failedLoginAttempts' : 'failedSignatureAttempts'],
      lockedNow: false,
    });
  });

  it('should reset only the counter of its own kind when an attempt succeeds', () => {
    // Act
    const state = afterSuccess({ ...fresh, failedSignatureAttempts: 2, failedLoginAttempts: 2 }, 'signature', now);

    // Assert
    expect(state).toEqual({ ...fresh, failedLoginAttempts: 2 });
  });

  it('should clear the lock and every counter when unlocked', () => {
    // Act
    const state = afterUnlock({
      ...fresh,
      failedSignatureAttempts: 3,
      failedLoginAttempts: 1,
      lockedAt: now,
      lockReason: 'failed-signatures',
      loginLockouts: 2,
    });

    // Assert
    expect(state).toEqual(fresh);
  });
});
