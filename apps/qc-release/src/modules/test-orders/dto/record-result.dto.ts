import { z } from 'zod';

/** The type and range are checked against the test's specification in the service (field "result"). */
export const recordResultSchema = z
  .object({
    result: z.union([z.number(), z.string().trim().min(1).max(200)], { message: 'must be a number or a non-empty text' }),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

export type RecordResultDto = z.infer<typeof recordResultSchema>;
