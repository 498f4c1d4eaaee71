import { z } from 'zod';

export const completeStepSchema = z
  .object({
    scannedCoi: z.string().min(1).max(64).optional(),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    materials: z
      .array(z.object({ materialCode: z.string().min(1).max(100), lotId: z.uuid({ message: 'must be a UUID' }) }).strict())
      .max(50)
      .default([]),
  })
  .strict();

export type CompleteStepDto = z.infer<typeof completeStepSchema>;

