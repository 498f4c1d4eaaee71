import { EventData, UserLockedV1 } from '@mes/contracts';

export type LockReason = EventData<typeof UserLockedV1>['reason'];
/** What was attempted: an electronic signature (password re-entry) or a login. */
export type AttemptKind = 'signature' | 'login';

export const LOCK_REASON_OF: Record<AttemptKind, LockReason> = { signature: 'failed-signatures', login: 'failed-logins' };

/** The part of an account the lockout rules read and write. */
export interface SecurityState {
  failedSignatureAttempts: number;
  failedLoginAttempts: number;
  lockedAt: Date | null;
  lockReason: LockReason | null;
  /** End of a login lock; null for a signature lock, which only an administrator ends. */
  lockedUntil: Date | null;
  /** Login locks in a row without a successful login (for the audit trail; each lasts the same time). */
  loginLockouts: number;
}

/** How many failures lock, and how long a login lock lasts. */
export interface LockoutPolicy {
  limit: number;
  loginLockMs: number;
}

export interface FailureOutcome {
  state: SecurityState;
  /** The consecutive failures of this kind, this one included. */
  attempts: number;
  /** True when this failure reached the limit and locked the account. */
  lockedNow: boolean;
}

const counterOf = (kind: AttemptKind) => (kind === 'signature' ? 'failedSignatureAttempts' : 'failedLoginAttempts');

/** The lock in force at `now`: a signature lock until an administrator unlocks it, a login lock until it runs out. */
export function activeLock(state: SecurityState, now: Date): LockReason | null {
  if (!state.lockedAt || !state.lockReason) return null;
  return state.lockedUntil === null || now < state.lockedUntil ? state.lockReason : null;
}

/**
 * The lock that refuses this attempt: any lock refuses a login; only a signature lock refuses a signature, since a
 * login lock comes from anonymous guesses and must not stop a signed-in person from signing.
 */
export function lockRefusing(state: SecurityState, kind: AttemptKind, now: Date): LockReason | null {
  const lock = activeLock(state, now);
  return kind === 'login' || lock === 'failed-signatures' ? lock : null;
}

/** A login lock that ran out is over: unlocked, login failures counted from zero; the run of locks is kept for the audit trail. */
function settle(state: SecurityState, now: Date): SecurityState {
  if (!state.lockedAt || activeLock(state, now)) return state;
  return { ...state, lockedAt: null, lockReason: null, lockedUntil: null, failedLoginAttempts: 0 };
}

/**
 * One more consecutive failure of this kind; at the limit the account locks (21 CFR 11.300(d)). Signatures and
 * logins count separately, so the lock names what was being tried. A signature lock lasts until an administrator
 * unlocks it; a login lock lasts `loginLockMs` and refuses only logins, so anonymous guesses cannot lock a person out
 * for long nor out of signing (the per-IP rate limit slows them). Attempts the lock refuses are not counted further;
 * failed signatures during a login lock still count, and at the limit the signature lock replaces it.
 */
export function afterFailure(state: SecurityState, kind: AttemptKind, policy: LockoutPolicy, now: Date): FailureOutcome {
  const current = settle(state, now);
  if (lockRefusing(current, kind, now)) return { state, attempts: state[counterOf(kind)], lockedNow: false };
  const attempts = current[counterOf(kind)] + 1;
  const next: SecurityState = { ...current, [counterOf(kind)]: attempts };
  if (attempts < policy.limit) return { state: next, attempts, lockedNow: false };
  const locked: SecurityState = { ...next, lockedAt: now, lockReason: LOCK_REASON_OF[kind], lockedUntil: null };
  if (kind === 'signature') return { state: locked, attempts, lockedNow: true };
  const lockedUntil = new Date(now.getTime() + policy.loginLockMs);
  return { state: { ...locked, loginLockouts: current.loginLockouts + 1, lockedUntil }, attempts, lockedNow: true };
}

/** A success ends the run of consecutive failures of its kind; a successful login also ends the run of login locks. */
export function afterSuccess(state: SecurityState, kind: AttemptKind, now: Date): SecurityState {
  const current = settle(state, now);
  return kind === 'signature' ? { ...current, failedSignatureAttempts: 0 } : { ...current, failedLoginAttempts: 0, loginLockouts: 0 };
}

/** An administrator's unlock: unlocked, and every counter starts again from zero. */
export function afterUnlock(state: SecurityState): SecurityState {
  return {
    ...state,
    failedSignatureAttempts: 0,
    failedLoginAttempts: 0,
    lockedAt: null,
    lockReason: null,
    lockedUntil: null,
    loginLockouts: 0,
  };
}

export const LOCK_REASON_TEXT: Record<LockReason, string> = {
  'failed-signatures': 'too many consecutive failed signatures',
  'failed-logins': 'too many consecutive failed logins',
};
