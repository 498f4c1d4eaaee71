import { EntityManager } from 'typeorm';
import { EventData, EventDefinition, EventEnvelope, createEvent } from '@mes/contracts';
import { Clock } from '../clock/clock';

export const OUTBOX_CHANNEL = 'platform_outbox';

export interface PublishContext {
  /** The aggregate id; becomes the Kafka key, so one aggregate's events stay in order. */
  subject: string;
  correlationId?: string;
  causationId?: string | null;
}

/** Writes an event into the outbox inside the caller's transaction; the relay publishes it after commit. */
export class OutboxWriter {
  constructor(
    private readonly producer: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Stamps the event with the subject's next sequence number. The upsert locks the subject's counter until the
   * transaction ends, so the numbers are gapless: they commit or roll back with the event.
   */
  async append<D extends EventDefinition>(
    tx: EntityManager,
    definition: D,
    data: EventData<D>,
    context: PublishContext,
  ): Promise<EventEnvelope<EventData<D>>> {
    const created = createEvent(definition, data, {
      producer: this.producer,
      subject: context.subject,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: this.clock.now(),
    });
    const [{ last_sequence }]: { last_sequence: string }[] = await tx.query(
      `INSERT INTO platform_aggregate_sequence (subject, last_sequence) VALUES ($1, 1)
       ON CONFLICT (subject) DO UPDATE SET last_sequence = platform_aggregate_sequence.last_sequence + 1 RETURNING last_sequence`,
      [context.subject],
    );
    const envelope = { ...created, sequence: Number(last_sequence) };
    await tx.query(`INSERT INTO platform_outbox (event_id, topic, message_key, event_type, payload) VALUES ($1, $2, $3, $4, $5)`, [
      envelope.eventId,
      definition.topic,
      context.subject,
      envelope.type,
      JSON.stringify(envelope),
    ]);
    // NOTIFY inside the transaction is delivered only on commit, so the relay never wakes for a rolled-back event.
    await tx.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return envelope;
  }
}
