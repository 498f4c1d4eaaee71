import { AuthUser } from '@mes/platform';
import { CONFIRMATION_TTL_MS, SignatureService } from './signature.service';
import { fakeIdentity, refusalOf, signerOf } from './users.fakes';

/** A first signature whose signing service committed and confirmed it, as batch-record and qc-release do after commit. */
async function signFirst(signatures: SignatureService, signer: AuthUser) {
  const verified = await signatures.reauthenticate(signer, { username: signer.username, password: 'right-password' });
  await signatures.confirm(signer, verified.confirmation ?? 'none');
  return verified;
}

function setUp() {
  const identity = fakeIdentity();
  const qa = identity.store.addUser('qa');
  return { ...identity, qa };
}

describe(SignatureService.name, () => {
  describe('signing sessions', () => {
    it('should refuse with 422 on the username field when the first signature of a session has no username', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-incomplete' });
      expect(error.errors).toEqual([{ field: 'username', reason: 'is required at the first signature of a session' }]);
      expect(store.sessions.size).toBe(0);
    });

    it('should audit a signature without username as incomplete and not count it as a failure', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();

      // Act
      await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { password: 'right-password' }));

      // Assert
      expect(store.auditOf('signature-authentication').map((e) => (e.newValue as { outcome: string }).outcome)).toEqual(['incomplete']);
      expect(store.user('qa').failedSignatureAttempts).toBe(0);
    });

    it('should verify and report firstInSession when the first signature has the username and the password', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();

      // Act
      const result = await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Assert
      expect(result).toEqual({
        verified: true,
        userId: qa.id,
        name: qa.displayName,
        verifiedAt: '2026-06-01T08:00:00.000Z',
        firstInSession: true,
        confirmation: expect.stringMatching(/^\d+\.[\w-]+$/),
      });
      expect(store.sessions.size).toBe(0);
    });

    it('should count the session as signed only when the signing service confirms its commit', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();
      const first = await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Act
      await signatures.confirm(signerOf(qa, 'session-1'), first.confirmation ?? '');

      // Assert
      expect(store.sessions.get('session-1')?.userId).toBe(qa.id);
      expect(store.auditOf('signing-session')).toMatchObject([{ action: 'create', entityId: 'session-1' }]);
    });

    it('should still ask for the username when the first signing rolled back and was never confirmed', async () => {
      // Arrange
      const { signatures, qa } = setUp();
      await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-incomplete' });
    });

    it.each([
      ['forged', (c: string) => c.replace(/.$/, (x) => (x === 'A' ? 'B' : 'A')), 'session-1'],
      ['for another session', (c: string) => c, 'session-2'],
      ['not a confirmation', () => 'garbage', 'session-1'],
      ['as long as the real one but not ASCII', (c: string) => c.replace(/.$/, 'é'), 'session-1'],
    ])('should refuse a confirmation and leave the session unsigned when it is %s', async (_, change, sessionId) => {
      // Arrange
      const { signatures, qa, store } = setUp();
      const first = await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Act
      const error = await refusalOf(signatures.confirm(signerOf(qa, sessionId), change(first.confirmation ?? '')));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-confirmation-refused' });
      expect(store.sessions.size).toBe(0);
    });

    it('should refuse a confirmation when it arrives after the time limit', async () => {
      // Arrange
      const { signatures, qa, store, clock } = setUp();
      const first = await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });
      clock.advance(CONFIRMATION_TTL_MS + 1);

      // Act
      const error = await refusalOf(signatures.confirm(signerOf(qa, 'session-1'), first.confirmation ?? ''));

      // Assert
      expect(error).toMatchObject({ status: 422, errors: [{ field: 'confirmation', reason: 'has expired' }] });
      expect(store.sessions.size).toBe(0);
    });

    it('should leave the session unsigned when the account was locked before the confirmation arrived', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();
      const first = await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });
      for (let i = 0; i < 3; i++)
        await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-9'), { username: 'qa', password: 'wrong' }));

      // Act
      await signatures.confirm(signerOf(qa, 'session-1'), first.confirmation ?? '');

      // Assert
      expect(store.sessions.size).toBe(0);
    });

    it('should accept the password alone when the session has signed before', async () => {
      // Arrange
      const { signatures, qa } = setUp();
      await signFirst(signatures, signerOf(qa, 'session-1'));

      // Act
      const second = await signatures.reauthenticate(signerOf(qa, 'session-1'), { password: 'right-password' });

      // Assert
      expect(second.firstInSession).toBe(false);
    });

    it('should require the username again when the user signs in a new login session', async () => {
      // Arrange
      const { signatures, qa } = setUp();
      await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-2'), { password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-incomplete' });
    });

    it('should not count a refused first signature as the session having signed', async () => {
      // Arrange
      const { signatures, qa } = setUp();
      await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'wrong-password' }));

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ code: 'signature-incomplete' });
    });

    it('should treat every signature as a first one when the token carries no session id', async () => {
      // Arrange
      const { signatures, qa } = setUp();
      const first = await signatures.reauthenticate(signerOf(qa), { username: 'qa', password: 'right-password' });

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa), { password: 'right-password' }));

      // Assert
      expect(first.firstInSession).toBe(true);
      expect(error).toMatchObject({ code: 'signature-incomplete' });
    });

    it.each([
      ['at the first signature', false],
      ['at a later signature', true],
    ])('should reject like a wrong password and count it when the username is not the signer’s, %s', async (_, signedBefore) => {
      // Arrange
      const { signatures, qa, store } = setUp();
      store.addUser('operator', ['operator']);
      if (signedBefore) await signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'right-password' });

      // Act
      const error = await refusalOf(
        signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'operator', password: 'right-password' }),
      );
      const wrongPassword = await refusalOf(signatures.reauthenticate(signerOf(qa, 'session-1'), { username: 'qa', password: 'nope' }));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-rejected' });
      expect({ ...error, message: error.message }).toEqual({ ...wrongPassword, message: wrongPassword.message });
      expect(store.user('qa').failedSignatureAttempts).toBe(2);
      expect(store.user('operator').failedSignatureAttempts).toBe(0);
    });
  });

  describe('lockout', () => {
    it('should count consecutive wrong passwords and audit each attempt when they are refused', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();

      // Act
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong-1' }));
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong-2' }));

      // Assert
      expect(store.user('qa')).toMatchObject({ failedSignatureAttempts: 2, lockedAt: null });
      expect(store.auditOf('signature-authentication').map((e) => e.newValue)).toMatchObject([
        { outcome: 'rejected', cause: 'wrong-password', failedAttempts: 1 },
        { outcome: 'rejected', cause: 'wrong-password', failedAttempts: 2 },
      ]);
      expect(store.events).toEqual([]);
    });

    it('should reset the count when a signature is verified', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

      // Act
      await signFirst(signatures, signerOf(qa, 's'));
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { password: 'wrong' }));
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { password: 'wrong' }));

      // Assert
      expect(store.user('qa')).toMatchObject({ failedSignatureAttempts: 2, lockedAt: null });
    });

    it('should lock the account, audit it and publish UserLockedV1 when the failures reach the limit', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));
      await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

      // Assert
      expect(error).toMatchObject({
        status: 423,
        code: 'account-locked',
        errors: [{ field: 'account', reason: 'locked: failed-signatures' }],
      });
      expect(store.user('qa')).toMatchObject({
        failedSignatureAttempts: 3,
        lockReason: 'failed-signatures',
        lockedAt: new Date('2026-06-01T08:00:00.000Z'),
      });
      expect(store.events).toEqual([
        {
          type: 'identity.user.locked',
          subject: qa.id,
          data: {
            userId: qa.id,
            username: 'qa',
            displayName: qa.displayName,
            failedAttempts: 3,
            reason: 'failed-signatures',
            lockedAt: '2026-06-01T08:00:00.000Z',
          },
        },
      ]);
      expect(store.auditOf('user-account')).toMatchObject([
        { action: 'update', entityId: qa.id, oldValue: { locked: false }, newValue: { locked: true, lockReason: 'failed-signatures' } },
      ]);
    });

    it('should lock at the configured limit when SIGNATURE_MAX_FAILED_ATTEMPTS is set', async () => {
      // Arrange
      const { signatures, store } = fakeIdentity({ SIGNATURE_MAX_FAILED_ATTEMPTS: 5 });
      const qa = store.addUser('qa');
      for (let i = 0; i < 4; i++) await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));
      expect(store.user('qa').lockedAt).toBeNull();

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

      // Assert
      expect(error).toMatchObject({ status: 423 });
      expect(store.user('qa').lockReason).toBe('failed-signatures');
    });

    it('should refuse a locked account with 423 naming the reason even when the credentials are right', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();
      for (let i = 0; i < 3; i++) await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'wrong' }));

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { username: 'qa', password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ status: 423, code: 'account-locked' });
      expect(error.message).toContain('failed-signatures');
      expect(store.user('qa').failedSignatureAttempts).toBe(3);
      expect(store.auditOf('signature-authentication').at(-1)?.newValue).toMatchObject({
        outcome: 'refused-locked',
        lockReason: 'failed-signatures',
      });
      expect(store.events).toHaveLength(1);
    });

    it('should end the signing sessions of a locked user, so the first signature after the unlock needs the username', async () => {
      // Arrange
      const { signatures, admin, qa, store } = setUp();
      const adminUser = store.addUser('admin', ['admin']);
      await signFirst(signatures, signerOf(qa, 's'));
      for (let i = 0; i < 3; i++) await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { password: 'wrong' }));
      await admin.unlock(signerOf(adminUser), 'qa', 'verified identity by phone');

      // Act
      const error = await refusalOf(signatures.reauthenticate(signerOf(qa, 's'), { password: 'right-password' }));

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-incomplete' });
    });

    it('should let a signed-in user sign, in the same session, when anonymous wrong logins locked their logins', async () => {
      // Arrange
      const { auth, signatures, qa, store } = setUp();
      await signFirst(signatures, signerOf(qa, 's'));
      for (let i = 0; i < 3; i++) await refusalOf(auth.login('qa', 'guess'));

      // Act
      const verified = await signatures.reauthenticate(signerOf(qa, 's'), { password: 'right-password' });

      // Assert
      expect(store.user('qa').lockReason).toBe('failed-logins');
      expect(verified).toMatchObject({ verified: true, firstInSession: false });
      expect(store.auditOf('signature-authentication').at(-1)?.newValue).toMatchObject({ outcome: 'verified' });
    });

    it('should reject without counting when the token names an account that does not exist', async () => {
      // Arrange
      const { signatures, qa, store } = setUp();

      // Act
      const error = await refusalOf(
        signatures.reauthenticate({ ...signerOf(qa, 's'), id: 'someone-else' }, { username: 'qa', password: 'right-password' }),
      );

      // Assert
      expect(error).toMatchObject({ status: 422, code: 'signature-rejected' });
      expect(store.user('qa').failedSignatureAttempts).toBe(0);
      expect(store.auditOf('signature-authentication')).toHaveLength(1);
    });
  });
});
