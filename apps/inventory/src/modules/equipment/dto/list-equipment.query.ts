import { z } from 'zod';
import { EQUIPMENT_STATUSES } from '../equipment.entity';

export const listEquipmentQuerySchema = z
  .object({
    type: z.string().trim().min(1).max(64).optional(),
    status: z.enum(EQUIPMENT_STATUSES).optional(),
    assetTag: z.string().trim().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export type ListEquipmentQuery = z.infer<typeof listEquipmentQuerySchema>;
