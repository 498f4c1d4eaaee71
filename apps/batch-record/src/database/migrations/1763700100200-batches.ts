import { MigrationInterface, QueryRunner } from 'typeorm';

export class Batches1763700100200 implements MigrationInterface {
  name = 'Batches1763700100200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE lot_number_sequence (year INT PRIMARY KEY, last_value INT NOT NULL)`);
    await q.query(`
      CREATE TABLE batch (
        id              UUID PRIMARY KEY,
        lot_number      TEXT NOT NULL UNIQUE,
        order_id        UUID NOT NULL UNIQUE REFERENCES orders (id),
        coi             TEXT NOT NULL,
        clinic_id       TEXT NOT NULL,
        product_code    TEXT NOT NULL,
        mbr_id          UUID NOT NULL REFERENCES master_batch_record (id),
        mbr_code        TEXT NOT NULL,
        mbr_version     INT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('in-progress', 'complete')),
        started_at      TIMESTAMPTZ NOT NULL,
        started_by_id   TEXT NOT NULL,
        started_by_name TEXT NOT NULL,
        completed_at    TIMESTAMPTZ,
        CONSTRAINT complete_batches_have_time CHECK ((state = 'complete') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX batch_clinic ON batch (clinic_id, started_at DESC)`);
    await q.query(`
      CREATE TABLE batch_step (
        id                UUID PRIMARY KEY,
        batch_id          UUID NOT NULL REFERENCES batch (id),
        sequence          INT NOT NULL,
        code              TEXT NOT NULL,
        name              TEXT NOT NULL,
        definition        JSONB NOT NULL,
        values            JSONB,
        materials_used    JSONB,
        scanned_coi       TEXT,
        completed_at      TIMESTAMPTZ,
        completed_by_id   TEXT,
        completed_by_name TEXT,
        UNIQUE (batch_id, sequence),
        UNIQUE (batch_id, code),
        CONSTRAINT completed_steps_have_performer CHECK (completed_at IS NULL OR (completed_by_id IS NOT NULL AND values IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE batch_step`);
    await q.query(`DROP TABLE batch`);
    await q.query(`DROP TABLE lot_number_sequence`);
  }
}
