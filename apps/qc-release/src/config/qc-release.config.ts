import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const qcReleaseConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('qc-release').default('qc-release'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
});

export type QcReleaseConfig = z.infer<typeof qcReleaseConfigSchema>;
