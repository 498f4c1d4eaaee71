import { z } from 'zod';

export const apheresisReceiptSchema = z
  .object({
    scannedCoi: z.string().min(1).max(64),
    bagId: z.string().min(1).max(100),
    collectedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' }),
  })
  .strict();

export type ApheresisReceiptDto = z.infer<typeof apheresisReceiptSchema>;
