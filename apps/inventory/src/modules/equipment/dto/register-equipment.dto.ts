import { z } from 'zod';
import { calibrationSchema } from './record-calibration.dto';

const code = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'must be 2-64 upper-case letters, digits or dashes');

export const registerEquipmentSchema = z
  .object({
    assetTag: code,
    type: code,
    name: z.string().trim().min(1, 'must not be empty').max(200),
    /** The calibration the unit arrives with (IQ/OQ or vendor certificate); omit for equipment not subject to calibration. */
    calibration: calibrationSchema.optional(),
    status: z.enum(['in-service', 'out-of-service']).default('in-service'),
    reason: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  })
  .strict();

export type RegisterEquipmentDto = z.infer<typeof registerEquipmentSchema>;
