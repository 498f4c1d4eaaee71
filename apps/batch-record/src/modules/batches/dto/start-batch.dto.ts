import { z } from 'zod';

export const startBatchSchema = z.object({ orderId: z.uuid({ message: 'must be a UUID' }), mbrCode: z.string().min(1).max(100) }).strict();

export type StartBatchDto = z.infer<typeof startBatchSchema>;

export const listBatchesQuerySchema = z.object({
  orderId: z.uuid({ message: 'must be a UUID' }).optional(),
  state: z.enum(['created', 'in-progress', 'on-hold', 'complete', 'under-review', 'reviewed']).optional(),
});

export type ListBatchesQuery = z.infer<typeof listBatchesQuerySchema>;
