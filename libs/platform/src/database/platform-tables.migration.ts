import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox, inbox and timer tables: every service's database has them, created by its own migration run. */
export class PlatformTables1763700000000 implements MigrationInterface {
  name = 'PlatformTables1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_outbox (
        seq          BIGSERIAL PRIMARY KEY,
        event_id     UUID NOT NULL UNIQUE,
        topic        TEXT NOT NULL,
        message_key  TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        payload      JSONB NOT NULL,
        created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        published_at TIMESTAMPTZ
      )`);
    await q.query(`CREATE INDEX platform_outbox_unpublished ON platform_outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE platform_inbox (
        event_id     UUID NOT NULL,
        consumer     TEXT NOT NULL,
        event_type   TEXT NOT NULL,
        topic        TEXT NOT NULL,
        kafka_partition INT NOT NULL,
        kafka_offset TEXT NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
    await q.query(`
      CREATE TABLE platform_timer (
        id          UUID PRIMARY KEY,
        kind        TEXT NOT NULL,
        subject_id  TEXT NOT NULL,
        due_at      TIMESTAMPTZ NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
        payload     JSONB NOT NULL DEFAULT '{}',
        created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
        fired_at    TIMESTAMPTZ,
        cancelled_at TIMESTAMPTZ,
        cancel_reason TEXT
      )`);
    await q.query(`CREATE INDEX platform_timer_pending_due ON platform_timer (due_at) WHERE state = 'pending'`);
    await q.query(`CREATE UNIQUE INDEX platform_timer_one_pending ON platform_timer (kind, subject_id) WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_timer`);
    await q.query(`DROP TABLE platform_inbox`);
    await q.query(`DROP TABLE platform_outbox`);
  }
}
