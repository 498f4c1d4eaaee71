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
}

export interface FailureOutcome {
  state: SecurityState;
  /** The consecutive failures of this kind, this one included. */
  attempts: number;
  /** True when this failure reached the limit and locked the account. */
  lockedNow: boolean;
}

const counterOf = (kind: AttemptKind) => (kind === 'signature' ? 'failedSignatureAttempts' : 'failedLoginAttempts');

/**
 * One more consecutive failure of this kind; at `limit` the account locks (21 CFR 11.300(d)). Signatures and
 * logins count separately, so the lock names what was being tried. A locked account is not counted further.
 */
export function afterFailure(state: SecurityState, kind: AttemptKind, limit: number, now: Date): FailureOutcome {
  if (state.lockedAt) return { state, attempts: state[counterOf(kind)], lockedNow: false };
  const attempts = state[counterOf(kind)] + 1;
  const next: SecurityState = { ...state, [counterOf(kind)]: attempts };
  if (attempts < limit) return { state: next, attempts, lockedNow: false };
  return { state: { ...next, lockedAt: now, lockReason: LOCK_REASON_OF[kind] }, attempts, lockedNow: true };
}

/** A success of this kind ends the run of consecutive failures of the same kind. */
export function afterSuccess(state: SecurityState, kind: AttemptKind): SecurityState {
  return { ...state, [counterOf(kind)]: 0 };
}

/** An administrator's unlock: unlocked, and both counters start again from zero. */
export function afterUnlock(state: SecurityState): SecurityState {
  return { ...state, failedSignatureAttempts: 0, failedLoginAttempts: 0, lockedAt: null, lockReason: null };
}

export const LOCK_REASON_TEXT: Record<LockReason, string> = {
  'failed-signatures': 'too many consecutive failed signatures',
  'failed-logins': 'too many consecutive failed logins',
};
