import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, Clock, Problem, SERVICE_CONFIG, UnitOfWork, AuditTrail } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import { AccountLockoutService } from './account-lockout.service';
import { AccountLockedProblem, confirmationRefused, signatureRejected, usernameRequired } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { SigningSessionRepository } from './signing-session.repository';
import { UserRepository } from './user.repository';
import { IdentityAuditEntity } from '../../audit-entities';

export interface SignatureCredentials {
  password: string;
  /** Required at the first signature of a login session; if given later, it must still be the signer's. */
  username?: string;
}

export interface SignatureVerified {
  verified: true;
  userId: string;
  name: string;
  verifiedAt: string;
  firstInSession: boolean;
  /** At a session's first signature: hand it back (POST /auth/signatures/confirm) once the signing has committed. */
  confirmation?: string;
}

/** A confirmation older than this (real time) is refused: the next signature then asks for the user name again (stricter). */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

type Outcome = 'verified' | 'rejected' | 'incomplete' | 'refused-locked';

/**
 * Checks the credentials of an electronic signature at the moment of signing (21 CFR 11.200(a)): the token says who
 * is signing; the first signature of a login session needs the user name and the password, later ones the
 * password. Failed attempts count towards the lockout (11.300(d)); every attempt is in the audit trail.
 */
@Injectable()
export class SignatureService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SigningSessionRepository,
    private readonly lockout: AccountLockoutService,
    private readonly hasher: PasswordHasher,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail<IdentityAuditEntity>,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<IdentityConfig, 'AUTH_JWT_SECRET'>,
  ) {}

  async reauthenticate(signer: AuthUser, credentials: SignatureCredentials): Promise<SignatureVerified> {
    const known = await this.users.findByUsername(signer.username);
    // Hashing outside the transaction keeps the account row locked for milliseconds, not for argon2's time.
    const passwordOk = await this.hasher.verify(known?.passwordHash ?? null, credentials.password);
    const result = await this.uow.run(async (tx): Promise<{ refusal: Problem } | { verified: SignatureVerified }> => {
      const user = await this.users.findByUsernameForUpdate(tx, signer.username);
      const sessionId = signer.sessionId ?? null;
      // A token from before sessions existed has no session to remember: every signature with it is a first one.
      const firstInSession = sessionId === null || !(user && (await this.sessions.hasSigned(tx, sessionId, user.id)));
      const record = async (outcome: Outcome, details: Record<string, unknown> = {}) =>
        this.audit.change(tx, {
          entity: 'signature-authentication',
          id: signer.id,
          actor: { id: signer.id, name: signer.name },
          after: { outcome, sessionId, firstInSession, usernameGiven: credentials.username !== undefined, ...details },
        });

      if (!user || user.id !== signer.id || !user.active) {
        await record('rejected', { cause: 'unknown-or-inactive-account' });
        return { refusal: signatureRejected() };
      }
      const lock = this.lockout.lockRefusing(user, 'signature');
      if (lock) {
        await record('refused-locked', { lockReason: lock });
        return { refusal: new AccountLockedProblem(user.username, lock, false, user.lockedUntil) };
      }
      if (firstInSession && credentials.username === undefined) {
        // Not a failed authentication: nothing was checked, so it does not count towards the lockout.
        await record('incomplete', { cause: 'username-required' });
        return { refusal: usernameRequired() };
      }
      const usernameOk = credentials.username === undefined || credentials.username === user.username;
      if (!usernameOk || !passwordOk) {
        const outcome = this.lockout.assessFailure(user, 'signature');
        await record('rejected', {
          cause: usernameOk ? 'wrong-password' : 'wrong-username',
          failedAttempts: outcome.attempts,
          lockedNow: outcome.lockedNow,
        });
        await this.lockout.applyFailure(tx, user, 'signature', outcome);
        const lockReason = outcome.state.lockReason;
        return {
          refusal: outcome.lockedNow && lockReason ? new AccountLockedProblem(user.username, lockReason, true) : signatureRejected(),
        };
      }
      const now = this.clock.now();
      await this.lockout.recordSuccess(tx, user, 'signature');
      await record('verified');
      const verified: SignatureVerified = {
        verified: true,
        userId: user.id,
        name: signer.name,
        verifiedAt: now.toISOString(),
        firstInSession,
      };
      // The session counts as signed only when the signing service confirms its commit: a rolled-back one must not downgrade the next.
      if (firstInSession && sessionId !== null) verified.confirmation = this.confirmationFor(sessionId, user.id, now.getTime());
      return { verified };
    });
    // Refusals are thrown after the commit, so the attempt, the counter and any lock stay recorded.
    if ('refusal' in result) throw result.refusal;
    return result.verified;
  }

  /**
   * The signing service's transaction committed: from now on this login session signs with the password alone.
   * Refused (422) when the confirmation was not issued to this session and user or is stale; a locked account stays unmarked.
   */
  async confirm(signer: AuthUser, confirmation: string): Promise<void> {
    const sessionId = signer.sessionId;
    const issuedAt = Number(confirmation.split('.')[0]);
    const expected = sessionId === undefined ? null : this.confirmationFor(sessionId, signer.id, issuedAt);
    const now = this.clock.now();
    if (sessionId === undefined || !Number.isSafeInteger(issuedAt) || !sameText(expected, confirmation))
      throw confirmationRefused('does not match');
    // Real time: a demo's accelerated clock must not expire a confirmation in flight.
    if ((now.getTime() - issuedAt) / this.clock.factor > CONFIRMATION_TTL_MS) throw confirmationRefused('has expired');
    await this.uow.run(async (tx) => {
      const user = await this.users.findByUsernameForUpdate(tx, signer.username);
      // A signature lock ends every signing session: a late confirmation must not reopen one.
      if (!user || user.id !== signer.id || !user.active || this.lockout.lockRefusing(user, 'signature')) return;
      if (await this.sessions.hasSigned(tx, sessionId, user.id)) return;
      await this.sessions.recordFirstSignature(tx, sessionId, user.id, now);
      await this.audit.change(tx, {
        entity: 'signing-session',
        id: sessionId,
        actor: { id: signer.id, name: signer.name },
        after: { userId: user.id, firstSignatureVerifiedAt: new Date(issuedAt).toISOString(), confirmedAt: now.toISOString() },
      });
    });
  }

  private confirmationFor(sessionId: string, userId: string, issuedAt: number): string {
    const mac = createHmac('sha256', this.config.AUTH_JWT_SECRET)
      .update(`signing-session-confirmation\n${sessionId}\n${userId}\n${issuedAt}`)
      .digest('base64url');
    return `${issuedAt}.${mac}`;
  }
}

function sameText(a: string | null, b: string): boolean {
  if (a === null) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  // Compared as bytes: text of equal length but other characters must be refused, not crash the comparison.
  return x.length === y.length && timingSafeEqual(x, y);
}
