import { EntityManager } from 'typeorm';

export interface InboxEntry {
  eventId: string;
  consumer: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  /** The envelope's producer, subject and sequence: recorded with the entry so a reader can prove it saw every event. */
  producer: string;
  subject: string;
  sequence: number | undefined;
}

/**
 * Records that a consumer handled an event, in the same transaction as the handler's effects.
 * Returns false when the event was already handled: the caller must then do nothing.
 */
export async function claimInboxEntry(tx: EntityManager, entry: InboxEntry): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO platform_inbox (event_id, consumer, event_type, topic, kafka_partition, kafka_offset)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id`,
    [entry.eventId, entry.consumer, entry.eventType, entry.topic, entry.partition, entry.offset],
  );
  if (rows.length !== 1) return false;
  if (entry.sequence !== undefined) {
    await tx.query(
      `INSERT INTO platform_applied_sequence (producer, subject, sequence, event_type, event_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [entry.producer, entry.subject, entry.sequence, entry.eventType, entry.eventId],
    );
  }
  return true;
}
