import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const notificationConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('notification').default('notification'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3004),
  /** Proxies drop idle connections; a comment line this often keeps each stream open. */
  STREAM_HEARTBEAT_MS: z.coerce.number().int().positive().default(15_000),
  /** Rows read per query when a stream catches up. */
  STREAM_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
});

export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
