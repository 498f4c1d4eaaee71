import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

/** A service dead-lettered a message it consumed (recorded in its platform_dead_letter table): staff must look. */
export const DeadLetterRecordedV1 = defineEvent({
  type: 'platform.dead-letter.recorded',
  version: 1,
  topic: Topics.platformDeadLetter,
  schema: z.object({
    deadLetterId: z.uuid(),
    service: z.string().min(1),
    sourceTopic: z.string().min(1),
    partition: z.number().int().min(0),
    offset: z.string().min(1),
    /** The dead-lettered message's event type and version when its envelope could be read. */
    eventType: z.string().nullable(),
    eventVersion: z.number().int().nullable(),
    reason: z.string().min(1),
    attempts: z.number().int().positive(),
    recordedAt: z.iso.datetime({ offset: true }),
  }),
});

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
