import { z } from 'zod';
import { baseConfigSchema } from '@mes/platform';

export const batchRecordConfigSchema = baseConfigSchema.extend({
  SERVICE_NAME: z.literal('batch-record').default('batch-record'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** Times are stored in UTC; records and exports also show them in the site's time zone (IANA name). */
  SITE_TIME_ZONE: z
    .string()
    .default('Europe/Berlin')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. Europe/Berlin'),
});

export type BatchRecordConfig = z.infer<typeof batchRecordConfigSchema>;
