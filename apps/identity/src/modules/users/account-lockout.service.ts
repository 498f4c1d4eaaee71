import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserLockedV1 } from '@mes/contracts';
import { AuditActor, Clock, OutboxWriter, SERVICE_CONFIG, AuditTrail } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import {
  AttemptKind,
  FailureOutcome,
  LockReason,
  LockoutPolicy,
  SecurityState,
  afterFailure,
  afterSuccess,
  lockRefusing,
} from './account-lockout';
import { SigningSessionRepository } from './signing-session.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { IdentityAuditEntity } from '../../audit-entities';

/** The lock is the system's doing, not the person who typed the password. */
export const LOCKOUT_ACTOR: AuditActor = { id: 'system:identity-lockout', name: 'Automatic account lockout' };

/** The account fields as the audit trail records them before and after a lock or unlock. */
export const securityValue = (s: SecurityState) => ({
  locked: s.lockedAt !== null,
  lockReason: s.lockReason,
  lockedAt: s.lockedAt?.toISOString() ?? null,
  lockedUntil: s.lockedUntil?.toISOString() ?? null,
  loginLockouts: s.loginLockouts,
  failedSignatureAttempts: s.failedSignatureAttempts,
  failedLoginAttempts: s.failedLoginAttempts,
});

/** Counts failed attempts and locks the account at the limit, in the caller's transaction (row locked by the caller). */
@Injectable()
export class AccountLockoutService {
  readonly policy: LockoutPolicy;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SigningSessionRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<IdentityAuditEntity>,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
  ) {
    this.policy = { limit: config.SIGNATURE_MAX_FAILED_ATTEMPTS, loginLockMs: config.LOGIN_LOCKOUT_MINUTES * 60_000 };
  }

  /** The lock in force now that refuses this kind of attempt, if any (a login lock refuses logins only). */
  lockRefusing(user: SecurityState, kind: AttemptKind): LockReason | null {
    return lockRefusing(user, kind, this.clock.now());
  }

  /** What one more consecutive failure of this kind does to the account (nothing is written yet). */
  assessFailure(user: UserEntity, kind: AttemptKind): FailureOutcome {
    return afterFailure(user, kind, this.policy, this.clock.now());
  }

  /** Stores the counted failure; when it locks the account: the lock's audit entry and UserLockedV1, in this transaction. */
  async applyFailure(tx: EntityManager, user: UserEntity, kind: AttemptKind, outcome: FailureOutcome): Promise<void> {
    await this.save(tx, user, outcome.state);
    if (!outcome.lockedNow || !outcome.state.lockReason || !outcome.state.lockedAt) return;
    // After an unlock, every session the person had open starts again with both signature components; a login lock
    // (anonymous guesses) leaves the signed-in person's sessions alone.
    if (kind === 'signature') await this.sessions.endSessionsOf(tx, user.id);
    await this.outbox.append(
      tx,
      UserLockedV1,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        failedAttempts: outcome.attempts,
        reason: outcome.state.lockReason,
        lockedAt: outcome.state.lockedAt.toISOString(),
      },
      { subject: user.id },
    );
    await this.audit.change(tx, {
      entity: 'user-account',
      id: user.id,
      actor: LOCKOUT_ACTOR,
      before: securityValue(user),
      after: securityValue(outcome.state),
      reason: `${outcome.attempts} consecutive failed ${kind === 'signature' ? 'signatures' : 'logins'} (limit ${this.policy.limit})${
        outcome.state.lockedUntil ? `, locked until ${outcome.state.lockedUntil.toISOString()}` : ', until an administrator unlocks it'
      }`,
    });
  }

  /** A success ends the run of failures of its kind. */
  async recordSuccess(tx: EntityManager, user: UserEntity, kind: AttemptKind): Promise<void> {
    const next = afterSuccess(user, kind, this.clock.now());
    if (JSON.stringify(securityValue(next)) === JSON.stringify(securityValue(user))) return;
    await this.save(tx, user, next);
  }

  /** Stores the account's new state; a login lock that ran out is recorded as ended in the audit trail. */
  private async save(tx: EntityManager, user: UserEntity, next: SecurityState): Promise<void> {
    await this.users.saveSecurityState(tx, user.id, next);
    if (!user.lockedAt || next.lockedAt) return;
    await this.audit.change(tx, {
      entity: 'user-account',
      id: user.id,
      actor: LOCKOUT_ACTOR,
      before: securityValue(user),
      after: securityValue(next),
      reason: `login lock ran out at ${user.lockedUntil?.toISOString()}`,
    });
  }
}
