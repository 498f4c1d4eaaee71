import { z } from 'zod';
import { LOT_STATUSES } from '../lot.entity';

export const listLotsQuerySchema = z
  .object({
    materialCode: z.string().trim().min(1).max(64).optional(),
    status: z.enum(LOT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export type ListLotsQuery = z.infer<typeof listLotsQuerySchema>;
