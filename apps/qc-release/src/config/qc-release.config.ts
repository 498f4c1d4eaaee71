import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const qcReleaseConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('qc-release').default('qc-release'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  /** Owners of the batch's events, asked for their latest sequence when a disposition is signed. */
  BATCH_RECORD_URL: z.url().default('http://127.0.0.1:3001'),
  INVENTORY_URL: z.url().default('http://127.0.0.1:3002'),
});

export type QcReleaseConfig = z.infer<typeof qcReleaseConfigSchema>;
