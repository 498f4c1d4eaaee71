import { DataSource, EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/data-source';
import { Problem, RuleViolationProblem, TooManyRequestsProblem, UnauthorizedProblem, ValidationProblem } from '../http/problems';
import { FetchLike, SignatureVerification, SignatureVerifier } from './signature-verifier';

const verified: SignatureVerification = {
  verified: true,
  userId: 'u-1',
  name: 'Alex QA-Person',
  verifiedAt: '2026-06-01T08:00:00.000Z',
  firstInSession: true,
};

function fakeIdentity(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  };
  return { calls, verifier: new SignatureVerifier('http://identity', 1_000, fetchImpl) };
}

async function rejection(act: () => Promise<unknown>): Promise<Problem> {
  try {
    await act();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected the verification to be refused');
}

describe(SignatureVerifier.name, () => {
  it('should send the username with the password and the signer token when a username is given', async () => {
    // Arrange
    const { calls, verifier } = fakeIdentity(200, verified);

    // Act
    await verifier.verify('token-1', { password: 'secret-pw', username: 'qa' });

    // Assert
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('http://identity/auth/reauthenticate');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ password: 'secret-pw', username: 'qa' });
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer token-1');
  });

  it('should send the password only when no username is given', async () => {
    // Arrange
    const { calls, verifier } = fakeIdentity(200, { ...verified, firstInSession: false });

    // Act
    await verifier.verify('token-1', { password: 'secret-pw' });

    // Assert
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ password: 'secret-pw' });
  });

  it("should return identity's verification when the credentials are accepted", async () => {
    // Arrange
    const { verifier } = fakeIdentity(200, verified);

    // Act
    const result = await verifier.verify('token-1', { password: 'secret-pw', username: 'qa' });

    // Assert
    expect(result).toEqual(verified);
  });

  it('should keep the field and reason when identity requires the username at the first signature', async () => {
    // Arrange
    const { verifier } = fakeIdentity(422, {
      status: 422,
      code: 'signature-incomplete',
      detail: 'The first signature of a session needs the user name and the password; nothing was signed',
      errors: [{ field: 'username', reason: 'is required at the first signature of a session' }],
    });

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'secret-pw' }));

    // Assert
    expect(error).toBeInstanceOf(RuleViolationProblem);
    expect(error).toMatchObject({ status: 422, code: 'signature-incomplete' });
    expect(error.errors).toEqual([{ field: 'username', reason: 'is required at the first signature of a session' }]);
  });

  it('should refuse as signature-rejected on the password when identity answers 422 with no problem body', async () => {
    // Arrange
    const { verifier } = fakeIdentity(422, 'not json');

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'wrong' }));

    // Assert
    expect(error).toMatchObject({ status: 422, code: 'signature-rejected', errors: [{ field: 'password', reason: 'does not match' }] });
  });

  it('should refuse with a 400 validation problem naming the field when identity finds the request invalid', async () => {
    // Arrange
    const { verifier } = fakeIdentity(400, { code: 'validation-failed', errors: [{ field: 'username', reason: 'Too big' }] });

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'pw', username: 'x'.repeat(500) }));

    // Assert
    expect(error).toBeInstanceOf(ValidationProblem);
    expect(error).toMatchObject({ status: 400, errors: [{ field: 'username', reason: 'Too big' }] });
  });

  it('should refuse with 423 account-locked, keeping the reason, when the account is locked', async () => {
    // Arrange
    const { verifier } = fakeIdentity(423, {
      code: 'account-locked',
      detail: 'Account qa is locked after 3 consecutive failed signatures',
      errors: [{ field: 'account', reason: 'locked: failed-signatures' }],
    });

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'pw' }));

    // Assert
    expect(error).toMatchObject({
      status: 423,
      code: 'account-locked',
      message: 'Account qa is locked after 3 consecutive failed signatures',
    });
    expect(error.errors).toEqual([{ field: 'account', reason: 'locked: failed-signatures' }]);
  });

  it('should refuse with 401 when identity does not accept the token', async () => {
    // Arrange
    const { verifier } = fakeIdentity(401, { code: 'unauthenticated', detail: 'jwt expired' });

    // Act
    const error = await rejection(() => verifier.verify('expired', { password: 'pw' }));

    // Assert
    expect(error).toBeInstanceOf(UnauthorizedProblem);
    expect(error.message).toBe('jwt expired');
  });

  it("should refuse with 429 passing identity's Retry-After through when identity rate-limits the signer", async () => {
    // Arrange
    const { verifier } = fakeIdentity(
      429,
      { code: 'too-many-requests', detail: 'Too many attempts; try again in 17 s' },
      { 'retry-after': '17' },
    );

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'pw' }));

    // Assert
    expect(error).toBeInstanceOf(TooManyRequestsProblem);
    expect(error).toMatchObject({ status: 429, code: 'too-many-requests', retryAfterSeconds: 17 });
    expect(error.message).toBe('Too many attempts; try again in 17 s');
  });

  it('should answer 503 when identity cannot be reached', async () => {
    // Arrange
    const verifier = new SignatureVerifier('http://identity', 1_000, () => Promise.reject(new TypeError('fetch failed')));

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'pw' }));

    // Assert
    expect(error).toMatchObject({ status: 503, code: 'identity-unavailable' });
  });

  it.each([
    ['a server error', 500, { code: 'internal-error' }],
    ['a 200 without the verification', 200, { ok: true }],
  ])('should answer 503 when identity returns %s', async (_, status, body) => {
    // Arrange
    const { verifier } = fakeIdentity(status, body);

    // Act
    const error = await rejection(() => verifier.verify('token-1', { password: 'pw' }));

    // Assert
    expect(error).toMatchObject({ status: 503, code: 'identity-unavailable' });
  });

  describe('confirmOnCommit', () => {
    const firstOfSession = { ...verified, confirmation: '1780300800000.mac' };
    const uow = () =>
      new UnitOfWork({ transaction: async (work: (tx: EntityManager) => unknown) => work({} as EntityManager) } as unknown as DataSource);
    const settle = () => new Promise((resolve) => setImmediate(resolve));

    it("should send identity the confirmation with the signer's token only after the signing commits", async () => {
      // Arrange
      const { calls, verifier } = fakeIdentity(204, '');

      // Act
      await uow().run(async (tx) => {
        verifier.confirmOnCommit(tx, 'token-1', firstOfSession);
        await settle();
        expect(calls).toHaveLength(0);
      });
      await settle();

      // Assert
      expect(calls.map((c) => c.url)).toEqual(['http://identity/auth/signatures/confirm']);
      expect(JSON.parse(String(calls[0].init.body))).toEqual({ confirmation: '1780300800000.mac' });
      expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer token-1');
    });

    it('should never confirm when the signing transaction rolls back', async () => {
      // Arrange
      const { calls, verifier } = fakeIdentity(204, '');

      // Act
      await expect(
        uow().run(async (tx) => {
          verifier.confirmOnCommit(tx, 'token-1', firstOfSession);
          throw new Error('release blocked');
        }),
      ).rejects.toThrow('release blocked');
      await settle();

      // Assert
      expect(calls).toHaveLength(0);
    });

    it('should send nothing when identity asked for no confirmation', async () => {
      // Arrange
      const { calls, verifier } = fakeIdentity(204, '');

      // Act
      await uow().run(async (tx) => verifier.confirmOnCommit(tx, 'token-1', { ...verified, firstInSession: false }));
      await settle();

      // Assert
      expect(calls).toHaveLength(0);
    });
  });
});
