import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const identityConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('identity').default('identity'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  /** Password given to the seeded demo users; change it or disable seeding outside demos. */
  DEMO_PASSWORD: z.string().min(8).default('demo-password'),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
