import { SecurityState, afterFailure, afterSuccess, afterUnlock } from './account-lockout';

const now = new Date('2026-06-01T08:00:00.000Z');
const fresh: SecurityState = { failedSignatureAttempts: 0, failedLoginAttempts: 0, lockedAt: null, lockReason: null };

describe('account lockout rules', () => {
  it('should count a failure without locking when it stays below the limit', () => {
    // Act
    const outcome = afterFailure({ ...fresh, failedSignatureAttempts: 1 }, 'signature', 3, now);

    // Assert
    expect(outcome).toEqual({ state: { ...fresh, failedSignatureAttempts: 2 }, attempts: 2, lockedNow: false });
  });

  it.each([
    ['signature', 'failedSignatureAttempts', 'failed-signatures'],
    ['login', 'failedLoginAttempts', 'failed-logins'],
  ] as const)('should lock with the reason of the %s counter when it reaches the limit', (kind, counter, reason) => {
    // Act
    const outcome = afterFailure({ ...fresh, [counter]: 2 }, kind, 3, now);

    // Assert
    expect(outcome.lockedNow).toBe(true);
    expect(outcome.state).toMatchObject({ [counter]: 3, lockedAt: now, lockReason: reason });
  });

  it('should not count further or lock again when the account is already locked', () => {
    // Arrange
    const locked: SecurityState = { ...fresh, failedLoginAttempts: 3, lockedAt: now, lockReason: 'failed-logins' };

    // Act
    const outcome = afterFailure(locked, 'signature', 3, new Date('2026-06-02T00:00:00.000Z'));

    // Assert
    expect(outcome).toEqual({ state: locked, attempts: 0, lockedNow: false });
  });

  it('should reset only the counter of its own kind when an attempt succeeds', () => {
    // Act
    const state = afterSuccess({ ...fresh, failedSignatureAttempts: 2, failedLoginAttempts: 2 }, 'signature');

    // Assert
    expect(state).toEqual({ ...fresh, failedLoginAttempts: 2 });
  });

  it('should clear the lock and both counters when unlocked', () => {
    // Act
    const state = afterUnlock({ failedSignatureAttempts: 3, failedLoginAttempts: 1, lockedAt: now, lockReason: 'failed-signatures' });

    // Assert
    expect(state).toEqual(fresh);
  });
});
