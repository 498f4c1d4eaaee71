import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const identityConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('identity').default('identity'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  /**
   * Consecutive failed attempts after which the account is locked (21 CFR 11.300(d)): counted separately for
   * signatures (wrong password or user name at signing) and for logins; an administrator unlocks it.
   */
  SIGNATURE_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** A login lock refuses logins only and ends by itself after this long (a signature lock needs an administrator). */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** Requests to POST /auth/login and /auth/reauthenticate per window, per client IP and per account for logins (429 with Retry-After beyond). */
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  AUTH_RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
  AUTH_RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  /** Re-authentications per signer per window: above any human signing pace (the signature lockout stops guessing). */
  AUTH_RATE_LIMIT_PER_SIGNER: z.coerce.number().int().positive().default(120),
  /** Password given to the seeded demo users; change it or disable seeding outside demos. */
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
