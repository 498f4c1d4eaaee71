import { z } from 'zod';

const seq = z.string().regex(/^\d{1,18}$/, 'must be a notification seq (a non-negative integer)');
const clinicId = z.string().min(1).max(100);

export const listNotificationsQuerySchema = z.object({
  clinicId: clinicId.optional(),
  unacknowledged: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .optional()
    .transform((v) => v === 'true'),
  after: seq.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const streamQuerySchema = z.object({
  clinicId: clinicId.optional(),
  after: seq.optional(),
});
export type StreamQuery = z.infer<typeof streamQuerySchema>;

/** Sent by EventSource when it reconnects: the id of the last event it received. */
export const lastEventIdSchema = seq.optional();
