import { z } from 'zod';

/** Metadata every event carries, whatever its type. */
export const envelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(3),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  subject: z.string().min(1),
  /** 1, 2, 3… per producer and subject, gapless (assigned with the event's transaction); absent only on events written before it existed. */
  sequence: z.number().int().positive().optional(),
  data: z.unknown(),
});

export type EventEnvelope<TData = unknown> = Omit<z.infer<typeof envelopeSchema>, 'data'> & { data: TData };
