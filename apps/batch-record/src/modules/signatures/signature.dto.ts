import { z } from 'zod';

/** Re-entered at the moment of signing (21 CFR 11.200): the password always, the username at the first signing of a session. */
export const signatureInputSchema = z
  .object({
    password: z.string().min(1, 'is required to sign').max(200),
    username: z.string().min(1).max(100).optional(),
  })
  .strict();

export type SignatureInput = z.infer<typeof signatureInputSchema>;
