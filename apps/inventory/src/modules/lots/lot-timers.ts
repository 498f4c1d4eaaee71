import { z } from 'zod';
import { defineTimer } from '@mes/platform';

/** The correlation id of the event that started the clock, so the expiry event joins the same trace. */
const traced = z.object({ correlationId: z.string().min(1).optional() }).strict();

/** At a lot's expiry date (subject = lot id). */
export const LotShelfLifeTimer = defineTimer({ kind: 'lot-shelf-life', payload: traced });
/** At a thawed lot's use-by (subject = lot id). */
export const ThawedLotUseByTimer = defineTimer({ kind: 'thawed-lot-use-by', payload: traced });
