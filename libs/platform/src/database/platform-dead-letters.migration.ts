import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dead letters of this service's consumer group: kept until an operator replays or discards each one. Key, value
 * and headers (JSON) are UTF-8 bytes: TEXT and JSONB refuse a NUL, and a garbage message must still be recorded.
 */
export class PlatformDeadLetters1763700000600 implements MigrationInterface {
  name = 'PlatformDeadLetters1763700000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_dead_letter (
        id              UUID PRIMARY KEY,
        consumer        TEXT NOT NULL,
        topic           TEXT NOT NULL,
        kafka_partition INT NOT NULL,
        kafka_offset    TEXT NOT NULL,
        message_key     BYTEA,
        message_value   BYTEA,
        headers         BYTEA NOT NULL,
        event_type      TEXT,
        event_version   INT,
        reason          TEXT NOT NULL,
        detail          TEXT NOT NULL DEFAULT '',
        attempts        INT NOT NULL,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'replayed', 'discarded')),
        recorded_at     TIMESTAMPTZ NOT NULL,
        resolved_at     TIMESTAMPTZ,
        resolved_by     TEXT,
        resolution_reason TEXT,
        UNIQUE (consumer, topic, kafka_partition, kafka_offset)
      )`);
    await q.query(`CREATE INDEX platform_dead_letter_pending ON platform_dead_letter (recorded_at) WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_dead_letter`);
  }
}
