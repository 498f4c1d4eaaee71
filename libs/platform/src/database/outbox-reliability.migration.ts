import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-aggregate event sequences (produced and applied), poison-row bookkeeping on the outbox, and indexes for the purge. */
export class OutboxReliability1764600000000 implements MigrationInterface {
  name = 'OutboxReliability1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per subject this service has published about; its lock serialises writers of one aggregate.
    await q.query(`
      CREATE TABLE platform_aggregate_sequence (
        subject       TEXT PRIMARY KEY,
        last_sequence BIGINT NOT NULL CHECK (last_sequence > 0)
      )`);
    // What this service has applied of other services' aggregates, so a reader can prove it saw every event.
    await q.query(`
      CREATE TABLE platform_applied_sequence (
        producer   TEXT NOT NULL,
        subject    TEXT NOT NULL,
        sequence   BIGINT NOT NULL,
        event_type TEXT NOT NULL,
        event_id   UUID NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (producer, subject, sequence)
      )`);
    await q.query(`
      ALTER TABLE platform_outbox
        ADD COLUMN attempts     INT NOT NULL DEFAULT 0,
        ADD COLUMN last_error   TEXT,
        ADD COLUMN abandoned_at TIMESTAMPTZ,
        ADD COLUMN discarded_at TIMESTAMPTZ`);
    await q.query(`DROP INDEX platform_outbox_unpublished`);
    await q.query(
      `CREATE INDEX platform_outbox_unpublished ON platform_outbox (seq) WHERE published_at IS NULL AND discarded_at IS NULL AND abandoned_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX platform_outbox_abandoned ON platform_outbox (message_key, seq) WHERE abandoned_at IS NOT NULL AND published_at IS NULL AND discarded_at IS NULL`,
    );
    await q.query(`CREATE INDEX platform_outbox_published ON platform_outbox (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX platform_inbox_processed ON platform_inbox (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX platform_inbox_processed`);
    await q.query(`DROP INDEX platform_outbox_published`);
    await q.query(`DROP INDEX platform_outbox_abandoned`);
    await q.query(`DROP INDEX platform_outbox_unpublished`);
    await q.query(
      `ALTER TABLE platform_outbox DROP COLUMN attempts, DROP COLUMN last_error, DROP COLUMN abandoned_at, DROP COLUMN discarded_at`,
    );
    await q.query(`CREATE INDEX platform_outbox_unpublished ON platform_outbox (seq) WHERE published_at IS NULL`);
    await q.query(`DROP TABLE platform_applied_sequence`);
    await q.query(`DROP TABLE platform_aggregate_sequence`);
  }
}
