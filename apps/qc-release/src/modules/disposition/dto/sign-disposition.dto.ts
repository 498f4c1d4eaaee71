import { z } from 'zod';

const MEANING_OF = { released: 'approved-for-release', rejected: 'rejected' } as const;

export const signDispositionSchema = z
  .object({
    decision: z.enum(['released', 'rejected']),
    reason: z.string().trim().max(2000).optional(),
    /** The signature's meaning (21 CFR 11.50); optional because it follows from the decision, refused if it contradicts it. */
    meaning: z.enum(['approved-for-release', 'rejected']).optional(),
    /** Re-entered at the moment of signing (21 CFR 11.200); checked with the identity provider, never stored. */
    password: z.string().min(1, 'the signer must re-enter their password').max(200),
    /** The signer's user name: required by identity at the first signature of a login session (both components). */
    username: z.string().min(1).max(100).optional(),
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
    password: body.password,
    ...(body.username ? { username: body.username } : {}),
  }));

export type SignDispositionDto = z.output<typeof signDispositionSchema>;
