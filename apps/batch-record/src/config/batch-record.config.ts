import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const batchRecordConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('batch-record').default('batch-record'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
});

export type BatchRecordConfig = z.infer<typeof batchRecordConfigSchema>;
