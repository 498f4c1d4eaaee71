import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

/** A service's outbox row that Kafka refused for good and the relay stopped retrying; its key's later events wait for an operator. */
export const OutboxRowAbandonedV1 = defineEvent({
  type: 'platform.outbox.row-abandoned',
  version: 1,
  topic: Topics.platformOutbox,
  schema: z.object({
    service: z.string().min(1),
    outboxSeq: z.string().regex(/^\d+$/),
    eventId: z.uuid(),
    eventType: z.string().min(1),
    topic: z.string().min(1),
    messageKey: z.string().min(1),
    attempts: z.number().int().positive(),
    lastError: z.string().min(1),
    abandonedAt: z.iso.datetime({ offset: true }),
  }),
});
