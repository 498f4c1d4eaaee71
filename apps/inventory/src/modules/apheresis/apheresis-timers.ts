import { z } from 'zod';
import { defineTimer } from '@mes/platform';

/** The correlation id of the receipt that started the hold, so the warning and expiry join the same trace. */
const traced = z.object({ correlationId: z.string().min(1).optional() }).strict();

/** The apheresis hold is running out (subject = order id). */
export const ApheresisHoldWarningTimer = defineTimer({ kind: 'apheresis-hold-warning', payload: traced });
/** The apheresis hold ended before manufacturing started (subject = order id). */
export const ApheresisHoldExpiryTimer = defineTimer({ kind: 'apheresis-hold-expiry', payload: traced });
