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
  /** Password given to the seeded demo users; change it or disable seeding outside demos. */
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
