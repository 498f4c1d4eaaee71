import { z } from 'zod';

/**
 * What a signer sends with every electronic signature (21 CFR 11.200): the password always, the user name at the
 * first signature of a login session (identity decides when). Never stored; checked by identity before any lock.
 */
export const signatureInputSchema = z
  .object({
    password: z.string().min(1, 'is required to sign').max(200),
    username: z.string().min(1).max(100).optional(),
  })
  .strict();

export type SignatureInput = z.infer<typeof signatureInputSchema>;
