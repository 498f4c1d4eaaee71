import { z } from 'zod';

/** A correction replaces the result; the reason is mandatory (GMP: who, when, old, new, why). */
export const correctResultSchema = z
  .object({
    result: z.union([z.number(), z.string().trim().min(1).max(200)], { message: 'must be a number or a non-empty text' }),
    comment: z.string().trim().max(2000).optional(),
    reason: z.string().trim().min(1, 'a correction needs a reason').max(500),
  })
  .strict();

export type CorrectResultDto = z.infer<typeof correctResultSchema>;
