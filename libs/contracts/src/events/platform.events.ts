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
