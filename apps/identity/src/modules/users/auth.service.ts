import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuthUser, SERVICE_CONFIG, TokenIssuer, UnauthorizedProblem } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';
import { UserRepository } from './user.repository';

// Verifying against a real hash when the user is unknown keeps the response time from revealing which usernames exist.
const dummyHash = argon2.hash('no-such-user-placeholder');

@Injectable()
export class AuthService {
  private readonly issuer: TokenIssuer;

  constructor(
    private readonly users: UserRepository,
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
}
