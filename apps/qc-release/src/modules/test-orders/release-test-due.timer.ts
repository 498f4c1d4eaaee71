import { z } from 'zod';
import { defineTimer } from '@mes/platform';

/** One timer per test order, due when its result is expected; subject = test order id. */
export const ReleaseTestDueTimer = defineTimer({ kind: 'release-test-due', payload: z.object({ batchId: z.string().min(1) }).strict() });
