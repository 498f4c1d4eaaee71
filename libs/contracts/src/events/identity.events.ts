import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

const isoDate = z.iso.datetime({ offset: true });

/** An account was locked after repeated failed signature or login attempts (21 CFR 11.300(d)); someone must look. */
export const UserLockedV1 = defineEvent({
  type: 'identity.user.locked',
  version: 1,
  topic: Topics.identityUser,
  schema: z.object({
    userId: z.string().min(1),
    username: z.string().min(1),
    displayName: z.string().min(1),
    failedAttempts: z.number().int().positive(),
    reason: z.enum(['failed-signatures', 'failed-logins']),
    lockedAt: isoDate,
  }),
});

export const UserUnlockedV1 = defineEvent({
  type: 'identity.user.unlocked',
  version: 1,
  topic: Topics.identityUser,
  schema: z.object({ userId: z.string().min(1), username: z.string().min(1), unlockedBy: z.string().min(1), unlockedAt: isoDate }),
});
