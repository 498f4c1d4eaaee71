import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuthUser, Problem, SERVICE_CONFIG, TokenIssuer, UnitOfWork, AuditTrail } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import { AccountLockoutService } from './account-lockout.service';
import { AccountLockedProblem, loginRejected } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';
import { IdentityAuditEntity } from '../../audit-entities';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser;
}

/** Logs users in: each login is a new session (`sid`), so its first electronic signature needs the user name again. */
@Injectable()
export class AuthService {
  private readonly issuer: TokenIssuer;

  constructor(
    private readonly users: UserRepository,
    private readonly lockout: AccountLockoutService,
    private readonly hasher: PasswordHasher,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail<IdentityAuditEntity>,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
  ) {
    this.issuer = new TokenIssuer(
      { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE },
      config.AUTH_TOKEN_TTL_SECONDS,
    );
  }

  /**
   * Unknown and inactive users get a plain 401 and are not recorded (there is no account to count against, and a
   * mistyped user name is often a password). A known user's every attempt is audited; wrong passwords count
   * towards the lockout, and a locked account gets 423 whatever the password (a login lock ends by itself).
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const known = await this.users.findByUsername(username);
    const passwordOk = await this.hasher.verify(known?.passwordHash ?? null, password);
    if (!known || !known.active) throw loginRejected();
    const result = await this.uow.run(async (tx): Promise<{ refusal: Problem } | { user: AuthUser }> => {
      const user = await this.users.findByUsernameForUpdate(tx, username);
      if (!user || !user.active) return { refusal: loginRejected() };
      const record = (outcome: string, details: Record<string, unknown> = {}) =>
        this.audit.change(tx, {
          entity: 'login',
          id: user.id,
          actor: { id: user.id, name: user.displayName },
          after: { outcome, ...details },
        });
      const lock = this.lockout.lockRefusing(user, 'login');
      if (lock) {
        await record('refused-locked', { lockReason: lock });
        return { refusal: new AccountLockedProblem(user.username, lock, false, user.lockedUntil) };
      }
      if (!passwordOk) {
        const outcome = this.lockout.assessFailure(user, 'login');
        await record('rejected', { cause: 'wrong-password', failedAttempts: outcome.attempts, lockedNow: outcome.lockedNow });
        await this.lockout.applyFailure(tx, user, 'login', outcome);
        const lockReason = outcome.state.lockReason;
        return {
          refusal:
            outcome.lockedNow && lockReason
              ? new AccountLockedProblem(user.username, lockReason, true, outcome.state.lockedUntil)
              : loginRejected(),
        };
      }
      const sessionId = randomUUID();
      await this.lockout.recordSuccess(tx, user, 'login');
      await record('authenticated', { sessionId });
      return {
        user: { id: user.id, username: user.username, name: user.displayName, roles: user.roles, clinicId: user.clinicId, sessionId },
      };
    });
    if ('refusal' in result) throw result.refusal;
    return { ...this.issuer.issue(result.user), tokenType: 'Bearer', user: result.user };
  }
}
