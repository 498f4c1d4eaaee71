import { z } from 'zod';
import { signatureInputSchema } from '@mes/platform';

const MEANING_OF = { released: 'approved-for-release', rejected: 'rejected' } as const;

export const signDispositionSchema = z
  .object({
    decision: z.enum(['released', 'rejected']),
    reason: z.string().trim().max(2000).optional(),
    /** The signature's meaning (21 CFR 11.50); optional because it follows from the decision, refused if it contradicts it. */
    meaning: z.enum(['approved-for-release', 'rejected']).optional(),
    /** The signer's credentials, the same shape as every signature in batch-record; checked by identity, never stored. */
    signature: signatureInputSchema,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'rejected' && !body.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
    }
    if (body.meaning && body.meaning !== MEANING_OF[body.decision]) {
      ctx.addIssue({ code: 'custom', path: ['meaning'], message: `must be ${MEANING_OF[body.decision]} for decision ${body.decision}` });
    }
  })
  .transform((body) => ({
    decision: body.decision,
    reason: body.reason || null,
    meaning: MEANING_OF[body.decision],
    signature: body.signature,
  }));

export type SignDispositionDto = z.output<typeof signDispositionSchema>;
