import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuditTrail, AuthUser, Clock, RuleViolationProblem, SERVICE_CONFIG, TokenIssuer, UnauthorizedProblem, UnitOfWork } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import { UserRepository } from './user.repository';

// Verifying against a real hash when the user is unknown keeps the response time from revealing which usernames exist.
const dummyHash = argon2.hash('no-such-user-placeholder');

@Injectable()
export class AuthService {
  private readonly issuer: TokenIssuer;

  constructor(
    private readonly users: UserRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
  ) {
    this.issuer = new TokenIssuer(
      { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE },
      config.AUTH_TOKEN_TTL_SECONDS,
    );
  }

  async login(username: string, password: string): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: AuthUser }> {
    const user = await this.users.findByUsername(username);
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !user.active || !ok) throw new UnauthorizedProblem('unknown user or wrong password');
    const authUser: AuthUser = { id: user.id, username: user.username, name: user.displayName, roles: user.roles, clinicId: user.clinicId };
    return { ...this.issuer.issue(authUser), tokenType: 'Bearer', user: authUser };
  }

  /**
   * Re-enters the signer's password at the moment of an electronic signature (21 CFR 11.200): the token says
   * who is signing, the password proves it is them. Every attempt, passed or failed, is in the audit trail.
   */
  async reauthenticate(user: AuthUser, password: string): Promise<{ verified: true; userId: string; name: string; verifiedAt: string }> {
    const stored = await this.users.findByUsername(user.username);
    const ok = stored !== null && stored.active && stored.id === user.id && (await argon2.verify(stored.passwordHash, password).catch(() => false));
    await this.uow.run((tx) =>
      this.audit.append(tx, {
        actor: { id: user.id, name: user.name },
        action: 'create',
        entity: 'signature-authentication',
        entityId: user.id,
        newValue: { outcome: ok ? 'verified' : 'rejected' },
      }),
    );
    if (!ok) throw new RuleViolationProblem('signature-rejected', 'The password does not match the signer; nothing was signed', [{ field: 'password', reason: 'does not match' }]);
    return { verified: true, userId: user.id, name: user.name, verifiedAt: this.clock.now().toISOString() };
  }
}
