import { z } from 'zod';

const reason = z.string().trim().min(1, 'must not be empty').max(500);

// A body-less POST reaches the pipe as undefined or {}: both mean "no reason".
export const releaseLotSchema = z.object({ reason: reason.optional() }).strict().optional();
export const rejectLotSchema = z.object({ reason }).strict();

export type ReleaseLotDto = z.infer<typeof releaseLotSchema>;
export type RejectLotDto = z.infer<typeof rejectLotSchema>;
