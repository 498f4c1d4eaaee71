import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule } from '@nestjs/throttler';
import { SERVICE_CONFIG, TooManyRequestsProblem } from '@mes/platform';
import { IdentityConfig } from '../../config/identity.config';

/** The account an attempt is against: the signer's token for re-authentication, the typed user name for a login. */
export function accountTracker(req: { user?: { id?: string }; body?: { username?: unknown }; ip?: string }): string {
  if (req.user?.id) return `user:${req.user.id}`;
  const username = req.body?.username;
  return typeof username === 'string' ? `username:${username.trim().toLowerCase()}` : `ip:${req.ip}`;
}

/** Rate limits for the endpoints that take a password: logins per account and per client IP, re-authentication per signer, in one window. */
export const CredentialThrottleModule = ThrottlerModule.forRootAsync({
  inject: [SERVICE_CONFIG],
  useFactory: (config: IdentityConfig) => ({
    setHeaders: false,
    throttlers: [
      {
        name: 'per-ip',
        ttl: config.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000,
        limit: config.AUTH_RATE_LIMIT_PER_IP,
        // Re-authentication reaches identity through the services (their IP, not the person's): it is limited per account.
        skipIf: (context: ExecutionContext) => Boolean(context.switchToHttp().getRequest().user),
      },
      {
        name: 'per-account',
        ttl: config.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000,
        limit: config.AUTH_RATE_LIMIT_PER_ACCOUNT,
        getTracker: accountTracker,
        skipIf: (context: ExecutionContext) => Boolean(context.switchToHttp().getRequest().user),
      },
      {
        // A signer completing steps in a row re-authenticates often; the signature lockout is what stops guessing.
        name: 'per-signer',
        ttl: config.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000,
        limit: config.AUTH_RATE_LIMIT_PER_SIGNER,
        getTracker: accountTracker,
        skipIf: (context: ExecutionContext) => !context.switchToHttp().getRequest().user,
      },
    ],
  }),
});

/** Slows password guessing before the lockout counts it: 429 problem with Retry-After, nothing checked or recorded. */
@Injectable()
export class CredentialThrottleGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new TooManyRequestsProblem(`Too many attempts; try again in ${retryAfter} s`, retryAfter);
  }
}
