import { z } from 'zod';

const username = z.string().min(1).max(100);
const password = z.string().min(1).max(200);

export const loginSchema = z.object({ username, password }).strict();
export type LoginDto = z.infer<typeof loginSchema>;

/**
 * The username is required at the first signature of a login session (checked by the service, which knows the
 * session); a blank one counts as not given, so a form's empty field gets that rule's answer.
 */
export const reauthenticateSchema = z
  .object({
    password,
    username: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .strict();
export type ReauthenticateDto = z.infer<typeof reauthenticateSchema>;

export const confirmSignatureSchema = z.object({ confirmation: z.string().min(1).max(200) }).strict();
export type ConfirmSignatureDto = z.infer<typeof confirmSignatureSchema>;

export const unlockSchema = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict();
export type UnlockDto = z.infer<typeof unlockSchema>;

export const usernameParamSchema = username;
