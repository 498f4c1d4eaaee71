import { z } from 'zod';

export const receiveLotSchema = z
  .object({
    materialCode: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'must be 2-64 upper-case letters, digits or dashes'),
    supplierLot: z.string().trim().min(1).max(100),
    quantity: z.number().positive('must be greater than 0').max(1e9),
    unit: z.string().trim().min(1).max(20),
    expiresAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' }),
    status: z.enum(['quarantine', 'released']).default('quarantine'),
  })
  .strict();

export type ReceiveLotDto = z.infer<typeof receiveLotSchema>;
