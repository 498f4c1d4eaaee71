import { z } from 'zod';
import { defineTimer } from '@mes/platform';

/** Subject = the timing record; the batch id rides along for tracing. */
const payload = z.object({ batchId: z.string().uuid() }).strict();

export const TimingWarningTimer = defineTimer({ kind: 'timing-warning', payload });
export const TimingDueTimer = defineTimer({ kind: 'timing-due', payload });
