import { MigrationInterface, QueryRunner } from 'typeorm';

export class QcRelease1763700300100 implements MigrationInterface {
  name = 'QcRelease1763700300100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE qc_batch_view (
        batch_id     UUID PRIMARY KEY,
        lot_number   TEXT,
        order_id     UUID NOT NULL,
        coi          TEXT NOT NULL,
        clinic_id    TEXT NOT NULL,
        mbr_code     TEXT,
        mbr_version  INT,
        started_at   TIMESTAMPTZ,
        completed_at TIMESTAMPTZ
      )`);
    await q.query(`
      CREATE TABLE qc_test_order (
        id               UUID PRIMARY KEY,
        batch_id         UUID NOT NULL,
        test_plan        TEXT NOT NULL,
        test_code        TEXT NOT NULL,
        test_name        TEXT NOT NULL,
        specification    JSONB NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('pending', 'overdue', 'resulted')),
        sampled_at       TIMESTAMPTZ NOT NULL,
        due_at           TIMESTAMPTZ NOT NULL,
        created_at       TIMESTAMPTZ NOT NULL,
        overdue_at       TIMESTAMPTZ,
        result           JSONB,
        conforms         BOOLEAN,
        result_comment   TEXT,
        recorded_by      TEXT,
        recorded_by_name TEXT,
        recorded_at      TIMESTAMPTZ,
        closed_at        TIMESTAMPTZ,
        CONSTRAINT qc_test_order_one_per_test UNIQUE (batch_id, test_code),
        CONSTRAINT qc_test_order_result_complete CHECK (
          (result IS NULL AND conforms IS NULL AND recorded_at IS NULL AND status <> 'resulted')
          OR (result IS NOT NULL AND conforms IS NOT NULL AND recorded_by IS NOT NULL AND recorded_at IS NOT NULL AND status = 'resulted'))
      )`);
    await q.query(`
      CREATE TABLE qc_disposition (
        batch_id           UUID PRIMARY KEY,
        decision           TEXT NOT NULL CHECK (decision IN ('released', 'rejected')),
        reason             TEXT,
        meaning            TEXT NOT NULL CHECK (meaning IN ('approved-for-release', 'rejected')),
        signed_by          TEXT NOT NULL,
        signed_by_username TEXT NOT NULL,
        signed_by_name     TEXT NOT NULL,
        signed_at          TIMESTAMPTZ NOT NULL,
        signed_content     JSONB NOT NULL,
        content_hash       TEXT NOT NULL,
        CONSTRAINT qc_disposition_reject_has_reason CHECK (decision <> 'rejected' OR length(trim(reason)) > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qc_disposition`);
    await q.query(`DROP TABLE qc_test_order`);
    await q.query(`DROP TABLE qc_batch_view`);
  }
}
