import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, Role } from '../access/roles';

/** Who is calling, as the token says; services trust nothing else about the caller. */
export interface AuthUser {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  /** Set for clinic users: they see only this clinic's patients. */
  clinicId: string | null;
  /**
   * The login session the token belongs to (`sid` claim, random per login). Identity uses it to tell the first
   * electronic signature of a session (user name and password) from later ones (password only, 21 CFR 11.200(a)(1)).
   * Absent in tokens issued before sessions existed.
   */
  sessionId?: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  preferred_username: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  clinic_id: z.string().min(1).nullable().optional(),
  sid: z.string().min(1).max(200).optional(),
});

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

export class InvalidTokenError extends Error {}

/**
 * Verifies bearer tokens. The claims follow OIDC names (sub, preferred_username, name) so an external
 * identity provider can replace the built-in issuer by swapping this for a JWKS-backed verifier.
 */
export class TokenVerifier {
  constructor(private readonly settings: TokenSettings) {}

  verify(token: string): AuthUser {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.settings.secret, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('token claims are incomplete');
    const roles = claims.data.roles;
    const clinicId = claims.data.clinic_id ?? null;
    if (roles.includes('clinic') && !clinicId) throw new InvalidTokenError('clinic user without clinic_id');
    const user: AuthUser = { id: claims.data.sub, username: claims.data.preferred_username, name: claims.data.name, roles, clinicId };
    if (claims.data.sid) user.sessionId = claims.data.sid;
    return user;
  }
}

export class TokenIssuer {
  constructor(
    private readonly settings: TokenSettings,
    private readonly ttlSeconds = 8 * 3600,
  ) {}

  issue(user: AuthUser): { accessToken: string; expiresIn: number } {
    const accessToken = jwt.sign(
      {
        preferred_username: user.username,
        name: user.name,
        roles: user.roles,
        clinic_id: user.clinicId,
        ...(user.sessionId ? { sid: user.sessionId } : {}),
      },
      this.settings.secret,
      { algorithm: 'HS256', subject: user.id, issuer: this.settings.issuer, audience: this.settings.audience, expiresIn: this.ttlSeconds },
    );
    return { accessToken, expiresIn: this.ttlSeconds };
  }
}
