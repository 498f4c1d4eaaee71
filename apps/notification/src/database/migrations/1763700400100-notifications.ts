import { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinic read model (order/batch → clinic), parked events waiting for it, and the clinic notification inbox. */
export class Notifications1763700400100 implements MigrationInterface {
  name = 'Notifications1763700400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clinic_order (
        order_id   UUID PRIMARY KEY,
        clinic_id  TEXT NOT NULL,
        coi        TEXT NOT NULL,
        slot_date  DATE,
        learned_at TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`
      CREATE TABLE clinic_batch (
        batch_id   UUID PRIMARY KEY,
        order_id   UUID NOT NULL,
        clinic_id  TEXT NOT NULL,
        coi        TEXT NOT NULL,
        lot_number TEXT NOT NULL,
        learned_at TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`
      CREATE TABLE pending_event (
        seq          BIGSERIAL PRIMARY KEY,
        event_id     UUID NOT NULL UNIQUE,
        event_type   TEXT NOT NULL,
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('order', 'batch')),
        subject_id   UUID NOT NULL,
        envelope     JSONB NOT NULL,
        parked_at    TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`CREATE INDEX pending_event_subject ON pending_event (subject_kind, subject_id, seq)`);
    await q.query(`
      CREATE TABLE notification (
        id                UUID PRIMARY KEY,
        seq               BIGSERIAL NOT NULL UNIQUE,
        clinic_id         TEXT NOT NULL,
        kind              TEXT NOT NULL,
        severity          TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        title             TEXT NOT NULL,
        body              TEXT NOT NULL,
        order_id          UUID,
        batch_id          UUID,
        coi               TEXT NOT NULL,
        source_event_id   UUID NOT NULL UNIQUE,
        source_event_type TEXT NOT NULL,
        occurred_at       TIMESTAMPTZ NOT NULL,
        created_at        TIMESTAMPTZ NOT NULL,
        acknowledged_at   TIMESTAMPTZ,
        acknowledged_by   TEXT,
        CONSTRAINT acknowledged_together CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      )`);
    await q.query(`CREATE INDEX notification_clinic_seq ON notification (clinic_id, seq)`);
    await q.query(`CREATE INDEX notification_clinic_unacknowledged ON notification (clinic_id, seq) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE pending_event`);
    await q.query(`DROP TABLE clinic_batch`);
    await q.query(`DROP TABLE clinic_order`);
  }
}
