import jwt from 'jsonwebtoken';
import { AuthUser, InvalidTokenError, TokenIssuer, TokenSettings, TokenVerifier } from './auth';

const settings: TokenSettings = { secret: 's'.repeat(32), issuer: 'mes-identity', audience: 'mes' };
const qa: AuthUser = { id: 'u-1', username: 'qa.anna', name: 'Anna QA', roles: ['qa'], clinicId: null };
const clinic: AuthUser = { id: 'u-2', username: 'clinic.a', name: 'Clinic A', roles: ['clinic'], clinicId: 'CLINIC-A' };

describe(TokenVerifier.name, () => {
  afterEach(() => jest.useRealTimers());

  it.each([
    ['a staff user', qa],
    ['a clinic user', clinic],
  ])('should return the same user when verifying a token issued for %s', (_, user) => {
    // Arrange
    const { accessToken } = new TokenIssuer(settings).issue(user);

    // Act
    const verified = new TokenVerifier(settings).verify(accessToken);

    // Assert
    expect(verified).toEqual(user);
  });

  it('should carry the session id as the sid claim when the user has one', () => {
    // Arrange
    const { accessToken } = new TokenIssuer(settings).issue({ ...qa, sessionId: 'session-42' });

    // Act
    const verified = new TokenVerifier(settings).verify(accessToken);

    // Assert
    expect((jwt.decode(accessToken) as { sid?: string }).sid).toBe('session-42');
    expect(verified.sessionId).toBe('session-42');
  });

  it('should leave sessionId out when the token has no sid claim (tokens issued before sessions)', () => {
    // Arrange
    const { accessToken } = new TokenIssuer(settings).issue(qa);

    // Act
    const verified = new TokenVerifier(settings).verify(accessToken);

    // Assert
    expect('sessionId' in verified).toBe(false);
  });

  it('should report the lifetime in seconds when issuing', () => {
    // Act
    const issued = new TokenIssuer(settings, 600).issue(qa);

    // Assert
    expect(issued.expiresIn).toBe(600);
  });

  it.each([
    ['the secret', { secret: 't'.repeat(32) }],
    ['the issuer', { issuer: 'someone-else' }],
    ['the audience', { audience: 'other-system' }],
  ])('should throw InvalidTokenError when %s does not match', (_, override) => {
    // Arrange
    const { accessToken } = new TokenIssuer({ ...settings, ...override }).issue(qa);

    // Act / Assert
    expect(() => new TokenVerifier(settings).verify(accessToken)).toThrow(InvalidTokenError);
  });

  it('should throw InvalidTokenError when the token has expired', () => {
    // Arrange
    jest.useFakeTimers({ now: new Date('2026-06-01T08:00:00.000Z') });
    const { accessToken } = new TokenIssuer(settings, 60).issue(qa);
    jest.setSystemTime(new Date('2026-06-01T08:01:01.000Z'));

    // Act / Assert
    expect(() => new TokenVerifier(settings).verify(accessToken)).toThrow(new InvalidTokenError('jwt expired'));
  });

  it('should accept the token when it is verified just before it expires', () => {
    // Arrange
    jest.useFakeTimers({ now: new Date('2026-06-01T08:00:00.000Z') });
    const { accessToken } = new TokenIssuer(settings, 60).issue(qa);
    jest.setSystemTime(new Date('2026-06-01T08:00:59.000Z'));

    // Act
    const user = new TokenVerifier(settings).verify(accessToken);

    // Assert
    expect(user.id).toBe('u-1');
  });

  it('should throw InvalidTokenError when a clinic user has no clinic_id', () => {
    // Arrange
    const { accessToken } = new TokenIssuer(settings).issue({ ...clinic, clinicId: null });

    // Act / Assert
    expect(() => new TokenVerifier(settings).verify(accessToken)).toThrow(new InvalidTokenError('clinic user without clinic_id'));
  });

  it('should throw InvalidTokenError when a claim is missing or a role is unknown', () => {
    // Arrange
    const sign = (claims: object) =>
      jwt.sign(claims, settings.secret, { subject: 'u-9', issuer: settings.issuer, audience: settings.audience, expiresIn: 60 });
    const noName = sign({ preferred_username: 'x', roles: ['qa'] });
    const badRole = sign({ preferred_username: 'x', name: 'X', roles: ['janitor'] });

    // Act / Assert
    expect(() => new TokenVerifier(settings).verify(noName)).toThrow(InvalidTokenError);
    expect(() => new TokenVerifier(settings).verify(badRole)).toThrow(InvalidTokenError);
  });

  it('should throw InvalidTokenError when the token is signed with another algorithm', () => {
    // Arrange
    const token = jwt.sign({ preferred_username: 'x', name: 'X', roles: ['admin'] }, settings.secret, {
      algorithm: 'HS512',
      subject: 'u-9',
      issuer: settings.issuer,
      audience: settings.audience,
    });

    // Act / Assert
    expect(() => new TokenVerifier(settings).verify(token)).toThrow(InvalidTokenError);
  });

  it('should throw InvalidTokenError when the token is not a JWT', () => {
    // Act / Assert
    expect(() => new TokenVerifier(settings).verify('not-a-token')).toThrow(InvalidTokenError);
  });
});
