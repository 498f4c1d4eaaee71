import { z } from 'zod';
import { EQUIPMENT_STATUSES } from '../equipment.entity';

export const changeEquipmentStatusSchema = z
  .object({
    status: z.enum(EQUIPMENT_STATUSES),
    reason: z.string().trim().min(1, 'must not be empty').max(500),
  })
  .strict();

export type ChangeEquipmentStatusDto = z.infer<typeof changeEquipmentStatusSchema>;
