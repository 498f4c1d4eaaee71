import { z } from 'zod';

export const placeOrderSchema = z
  .object({
    productCode: z.string().min(1).max(64),
    slotDate: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
    // No spaces allowed: a reference, not a patient name; the clinic keeps the key to the person.
    clinicPatientRef: z
      .string()
      .regex(/^[A-Za-z0-9._:/-]{1,64}$/, 'must be an opaque reference (1-64 letters, digits, . _ : / -), never a name')
      .optional(),
  })
  .strict();

export type PlaceOrderDto = z.infer<typeof placeOrderSchema>;
