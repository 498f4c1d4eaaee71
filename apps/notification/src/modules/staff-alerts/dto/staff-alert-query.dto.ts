import { z } from 'zod';

const seq = z.string().regex(/^\d{1,18}$/, 'must be an alert seq (a non-negative integer)');

export const listStaffAlertsQuerySchema = z.object({
  unacknowledged: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .optional()
    .transform((v) => v === 'true'),
  after: seq.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListStaffAlertsQuery = z.infer<typeof listStaffAlertsQuerySchema>;

export const staffAlertStreamQuerySchema = z.object({ after: seq.optional() });
export type StaffAlertStreamQuery = z.infer<typeof staffAlertStreamQuerySchema>;

/** Sent by EventSource when it reconnects: the id of the last event it received. */
export const lastAlertIdSchema = seq.optional();
