import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { onCommit } from '../database/data-source';
import {
  FieldProblem,
  Problem,
  RuleViolationProblem,
  TooManyRequestsProblem,
  UnauthorizedProblem,
  ValidationProblem,
} from '../http/problems';
import { SignatureInput } from './signature-input';

/** What identity confirms when a signature's credentials are right. */
export interface SignatureVerification {
  verified: true;
  userId: string;
  name: string;
  verifiedAt: string;
  /** True when this was the first signature of the signer's login session (user name and password were both checked). */
  firstInSession: boolean;
  /** Given at a session's first signature: identity counts the session as signed only when it gets this back after the commit. */
  confirmation?: string;
}

const verificationSchema = z.object({
  verified: z.literal(true),
  userId: z.string().min(1),
  name: z.string().min(1),
  verifiedAt: z.string().min(1),
  firstInSession: z.boolean(),
  confirmation: z.string().min(1).optional(),
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
   * Checks the credentials; resolves with identity's verification, or throws the refusal as a Problem. Call it
   * before the signing transaction takes any row lock, so no row stays locked while identity answers.
   */
  async verify(signerToken: string, input: SignatureInput): Promise<SignatureVerification> {
    const { password, username } = input;
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
      case 429: {
        // Identity's rate limit: the signer may retry after the time it names, so this is no outage (not 503).
        const retryAfter = Math.max(1, Math.ceil(Number(response.headers.get('retry-after')) || 60));
        throw new TooManyRequestsProblem(problem.detail ?? `Too many signature attempts; try again in ${retryAfter} s`, retryAfter);
      }
      default:
        throw unavailable(`The signature check failed (${response.status}); nothing was signed`);
    }
  }

  /**
   * Registers, in the signing transaction, the confirmation identity waits for: sent only after the commit, so a
   * rolled-back signing never counts as the session's first. A lost one is safe: the next signature asks for the user name.
   */
  confirmOnCommit(tx: EntityManager, signerToken: string, verification: SignatureVerification): void {
    const confirmation = verification.confirmation;
    if (confirmation === undefined) return;
    onCommit(tx, () => this.confirm(signerToken, confirmation));
  }

  /** Tells identity the signing committed; throws when identity did not take it (callers after commit may ignore that). */
  async confirm(signerToken: string, confirmation: string): Promise<void> {
    const response = await this.fetchImpl(`${this.identityUrl}/auth/signatures/confirm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confirmation }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status !== 204) throw unavailable(`identity did not take the signing confirmation (${response.status})`);
  }
}

function unavailable(detail: string): Problem {
  return new Problem(503, 'identity-unavailable', detail);
}
