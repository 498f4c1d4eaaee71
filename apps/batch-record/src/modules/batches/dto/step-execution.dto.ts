import { z } from 'zod';
import { signatureInputSchema } from '@mes/platform';

const value = z.union([z.number(), z.string(), z.boolean()]);

export const startStepSchema = z.object({}).strict();

export const completeStepSchema = z
  .object({
    scannedCoi: z.string().min(1).max(64).optional(),
    values: z.record(z.string(), value).default({}),
    materials: z
      .array(
        z
          .object({
            materialCode: z.string().min(1).max(100),
            lotId: z.uuid({ message: 'must be a UUID' }),
            quantity: z.number().positive().max(1_000_000).optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    equipment: z
      .array(z.object({ assetTag: z.string().min(1).max(100) }).strict())
      .max(50)
      .default([]),
    comment: z.string().max(2000).optional(),
    signature: signatureInputSchema,
  })
  .strict();
export type CompleteStepDto = z.infer<typeof completeStepSchema>;

export const verifyStepSchema = z.object({ signature: signatureInputSchema, comment: z.string().max(2000).optional() }).strict();
export type VerifyStepDto = z.infer<typeof verifyStepSchema>;

export const decideStepSchema = z
  .object({ decision: z.literal('continue'), reason: z.string().trim().min(3, 'must say why').max(2000), signature: signatureInputSchema })
  .strict();
export type DecideStepDto = z.infer<typeof decideStepSchema>;

export const correctStepSchema = z
  .object({
    field: z.string().min(1).max(100),
    value,
    reason: z.string().trim().min(3, 'must say why').max(2000),
    signature: signatureInputSchema,
  })
  .strict();
export type CorrectStepDto = z.infer<typeof correctStepSchema>;

export const skipStepSchema = z
  .object({
    reason: z.string().trim().min(3, 'must say why').max(2000),
    classification: z.enum(['minor', 'major', 'critical']),
    signature: signatureInputSchema,
  })
  .strict();
export type SkipStepDto = z.infer<typeof skipStepSchema>;

export const holdSchema = z.object({ reason: z.string().trim().min(3, 'must say why').max(2000) }).strict();
export const resumeSchema = z
  .object({ reason: z.string().trim().min(3, 'must say why').max(2000), signature: signatureInputSchema })
  .strict();
export const reviewCompleteSchema = z.object({ signature: signatureInputSchema, comment: z.string().max(2000).optional() }).strict();
