import { MigrationInterface, QueryRunner } from 'typeorm';

export class Apheresis1763700200200 implements MigrationInterface {
  name = 'Apheresis1763700200200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE apheresis_unit (
        order_id        UUID PRIMARY KEY,
        coi             TEXT NOT NULL,
        clinic_id       TEXT NOT NULL,
        bag_id          TEXT NOT NULL,
        collected_at    TIMESTAMPTZ NOT NULL,
        received_at     TIMESTAMPTZ NOT NULL,
        received_by     TEXT NOT NULL,
        hold_time_hours NUMERIC(8, 2) NOT NULL CHECK (hold_time_hours > 0),
        hold_until      TIMESTAMPTZ NOT NULL,
        warn_at         TIMESTAMPTZ NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('on-hold', 'in-process', 'expired')),
        warned_at       TIMESTAMPTZ,
        expired_at      TIMESTAMPTZ,
        batch_id        UUID,
        manufacturing_started_at TIMESTAMPTZ
      )`);
    // Read model of BatchStartedV1: the batch topic is not ordered with the order topic, so a start may arrive first.
    await q.query(`
      CREATE TABLE order_batch_start (
        order_id   UUID PRIMARY KEY,
        batch_id   UUID NOT NULL,
        started_at TIMESTAMPTZ NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_batch_start`);
    await q.query(`DROP TABLE apheresis_unit`);
  }
}
