import { Problem, RuleViolationProblem } from '../http/problems';

/**
 * Checks an electronic signature's password with the identity provider at the moment of signing
 * (21 CFR 11.200): the signer's own token names them, the password proves it. Services never see hashes.
 */
export class SignatureVerifier {
  constructor(
    private readonly identityUrl: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async verify(signerToken: string, password: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.identityUrl}/auth/reauthenticate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw new Problem(503, 'identity-unavailable', 'The signature cannot be checked right now; nothing was signed');
    }
    if (response.status === 200) return;
    if (response.status === 422 || response.status === 400) {
      throw new RuleViolationProblem('signature-rejected', 'The password does not match the signer; nothing was signed', [
        { field: 'password', reason: 'does not match' },
      ]);
    }
    throw new Problem(503, 'identity-unavailable', `The signature check failed (${response.status}); nothing was signed`);
  }
}
