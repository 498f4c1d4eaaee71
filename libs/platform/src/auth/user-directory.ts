import { z } from 'zod';
import { Problem, RuleViolationProblem } from '../http/problems';
import { Role } from '../access/roles';
import type { FetchLike } from '../signatures/signature-verifier';

const directoryUserSchema = z.object({
  username: z.string().min(1),
  displayName: z.string().min(1),
  roles: z.array(z.string()),
  active: z.boolean(),
});

/** A person as identity knows them (no password, no lock state). */
export interface DirectoryUser {
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
}

/**
 * Asks identity (the owner of users) whether a user exists, with the caller's own token, so a service never keeps
 * a record about a person who is not there. Fails closed: if identity cannot answer, nothing is recorded (503).
 */
export class UserDirectory {
  constructor(
    private readonly identityUrl: string,
    private readonly timeoutMs = 5_000,
    private readonly fetchImpl: FetchLike = (url, init) => fetch(url, init),
  ) {}

  /** The user, or null when identity has no such user. */
  async find(callerToken: string, username: string): Promise<DirectoryUser | null> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.identityUrl}/users/${encodeURIComponent(username)}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${callerToken}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch {
      throw unavailable('The user cannot be checked with identity right now; nothing was changed');
    }
    if (response.status === 404) return null;
    const body = await response.json().catch(() => undefined);
    const user = response.status === 200 ? directoryUserSchema.safeParse(body) : null;
    if (!user?.success) throw unavailable(`The user check with identity failed (${response.status}); nothing was changed`);
    return user.data as DirectoryUser;
  }

  /** Refuses (422, naming the field) a reference to a user identity does not have, or has deactivated. */
  async assertActive(callerToken: string, username: string, field = 'username'): Promise<DirectoryUser> {
    const user = await this.find(callerToken, username);
    if (!user)
      throw new RuleViolationProblem('unknown-user', `There is no user ${username}; nothing was changed`, [
        { field, reason: 'is not a user' },
      ]);
    if (!user.active) {
      throw new RuleViolationProblem('inactive-user', `The user ${username} is deactivated; nothing was changed`, [
        { field, reason: 'is deactivated' },
      ]);
    }
    return user;
  }
}

function unavailable(detail: string): Problem {
  return new Problem(503, 'identity-unavailable', detail);
}
