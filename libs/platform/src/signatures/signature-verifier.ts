import { z } from 'zod';
import { FieldProblem, Problem, RuleViolationProblem, UnauthorizedProblem, ValidationProblem } from '../http/problems';

/** What identity confirms when a signature's credentials are right. */
export interface SignatureVerification {
  verified: true;
  userId: string;
  name: string;
  verifiedAt: string;
  /** True when this was the first signature of the signer's login session (user name and password were both checked). */
  firstInSession: boolean;
}

const verificationSchema = z.object({
  verified: z.literal(true),
  userId: z.string().min(1),
  name: z.string().min(1),
  verifiedAt: z.string().min(1),
  firstInSession: z.boolean(),
});

const problemSchema = z.object({
  code: z.string().min(1).optional(),
  detail: z.string().min(1).optional(),
  errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
});
type IdentityProblem = z.infer<typeof problemSchema>;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Checks an electronic signature's credentials with the identity provider at the moment of signing
 * (21 CFR 11.200): the signer's own token names them, the password (and, at the first signature of a
 * session, the user name) proves it. Services never see hashes. Identity's refusals reach the caller
 * with the same code, field and reason: 422 stays a rule violation (e.g. `username` is required at
 * the first signature of a session), 423 `account-locked`, 401 the token; anything else is a 503.
 */
export class SignatureVerifier {
  constructor(
    private readonly identityUrl: string,
    private readonly timeoutMs = 5_000,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {}

  /**
   * Checks the credentials; resolves with identity's verification, or throws the refusal as a Problem.
   * Give the user name whenever the signer typed one: identity requires it at the first signature of a session.
   */
  verify(signerToken: string, password: string, username: string | undefined): Promise<SignatureVerification>;
  /** The original password-only form: its callers only need it not to throw (it resolves with the verification too). */
  verify(signerToken: string, password: string): Promise<void>;
  async verify(signerToken: string, password: string, username?: string): Promise<SignatureVerification | void> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.identityUrl}/auth/reauthenticate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(username === undefined ? { password } : { password, username }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw unavailable('The signature cannot be checked right now; nothing was signed');
    }
    const body = await response.json().catch(() => undefined);
    if (response.status === 200) {
      const verification = verificationSchema.safeParse(body);
      if (!verification.success) throw unavailable('The signature check gave an unexpected answer; nothing was signed');
      return verification.data;
    }
    const problem: IdentityProblem = problemSchema.safeParse(body).data ?? {};
    const errors: FieldProblem[] = problem.errors ?? [];
    switch (response.status) {
      case 422:
        throw new RuleViolationProblem(
          problem.code ?? 'signature-rejected',
          problem.detail ?? 'The password does not match the signer; nothing was signed',
          errors.length ? errors : [{ field: 'password', reason: 'does not match' }],
        );
      case 400:
        throw new ValidationProblem(errors, problem.detail ?? 'The signature credentials are not valid; nothing was signed');
      case 423:
        throw new Problem(423, 'account-locked', problem.detail ?? 'The signer’s account is locked; nothing was signed', errors);
      case 401:
        throw new UnauthorizedProblem(problem.detail ?? 'The signer’s token was not accepted; nothing was signed');
      default:
        throw unavailable(`The signature check failed (${response.status}); nothing was signed`);
    }
  }
}

function unavailable(detail: string): Problem {
  return new Problem(503, 'identity-unavailable', detail);
}
