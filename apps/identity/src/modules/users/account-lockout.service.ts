import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UserLockedV1 } from '@mes/contracts';
import { AuditActor, Clock, OutboxWriter, SERVICE_CONFIG } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import { AttemptKind, FailureOutcome, SecurityState, afterFailure, afterSuccess } from './account-lockout';
import { SigningSessionRepository } from './signing-session.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { IdentityAudit } from '../../audit-entities';

/** The lock is the system's doing, not the person who typed the password. */
export const LOCKOUT_ACTOR: AuditActor = { id: 'system:identity-lockout', name: 'Automatic account lockout' };

/** The account fields as the audit trail records them before and after a lock or unlock. */
export const securityValue = (s: SecurityState) => ({
  locked: s.lockedAt !== null,
  lockReason: s.lockReason,
  lockedAt: s.lockedAt?.toISOString() ?? null,
  failedSignatureAttempts: s.failedSignatureAttempts,
  failedLoginAttempts: s.failedLoginAttempts,
});

/** Counts failed attempts and locks the account at the limit, in the caller's transaction (row locked by the caller). */
@Injectable()
export class AccountLockoutService {
  readonly limit: number;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SigningSessionRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: IdentityAudit,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
  ) {
    this.limit = config.SIGNATURE_MAX_FAILED_ATTEMPTS;
  }

  /** What one more consecutive failure of this kind does to the account (nothing is written yet). */
  assessFailure(user: UserEntity, kind: AttemptKind): FailureOutcome {
    return afterFailure(user, kind, this.limit, this.clock.now());
  }

  /** Stores the counted failure; when it locks the account: the lock's audit entry and UserLockedV1, in this transaction. */
  async applyFailure(tx: EntityManager, user: UserEntity, kind: AttemptKind, outcome: FailureOutcome): Promise<void> {
    await this.users.saveSecurityState(tx, user.id, outcome.state);
    if (!outcome.lockedNow || !outcome.state.lockReason || !outcome.state.lockedAt) return;
    // After an unlock, every session the person had open starts again with both signature components.
    await this.sessions.endSessionsOf(tx, user.id);
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
      reason: `${outcome.attempts} consecutive failed ${kind === 'signature' ? 'signatures' : 'logins'} (limit ${this.limit})`,
    });
  }

  /** A success ends the run of failures of its kind. */
  async recordSuccess(tx: EntityManager, user: UserEntity, kind: AttemptKind): Promise<void> {
    const next = afterSuccess(user, kind);
    if (next.failedSignatureAttempts === user.failedSignatureAttempts && next.failedLoginAttempts === user.failedLoginAttempts) return;
    await this.users.saveSecurityState(tx, user.id, next);
  }
}
