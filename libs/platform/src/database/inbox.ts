import { EntityManager } from 'typeorm';

export interface InboxEntry {
  eventId: string;
  consumer: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
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
  return rows.length === 1;
}
