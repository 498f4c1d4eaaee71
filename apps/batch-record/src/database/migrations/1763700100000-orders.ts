import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1763700100000 implements MigrationInterface {
  name = 'Orders1763700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id                         UUID PRIMARY KEY,
        coi                        TEXT NOT NULL UNIQUE CHECK (coi ~ '^COI-[A-Z0-9]{4}-[A-Z0-9]{4}$'),
        clinic_id                  TEXT NOT NULL,
        product_code               TEXT NOT NULL,
        slot_date                  DATE NOT NULL,
        clinic_patient_ref         TEXT,
        state                      TEXT NOT NULL CHECK (state IN ('placed', 'apheresis-received')),
        placed_at                  TIMESTAMPTZ NOT NULL,
        placed_by_id               TEXT NOT NULL,
        placed_by_name             TEXT NOT NULL,
        apheresis_bag_id           TEXT,
        apheresis_collected_at     TIMESTAMPTZ,
        apheresis_received_at      TIMESTAMPTZ,
        apheresis_received_by_id   TEXT,
        apheresis_received_by_name TEXT,
        apheresis_hold_time_hours  NUMERIC,
        CONSTRAINT received_orders_have_apheresis CHECK (
          state = 'placed' OR (apheresis_bag_id IS NOT NULL AND apheresis_collected_at IS NOT NULL
            AND apheresis_received_at IS NOT NULL AND apheresis_hold_time_hours IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX orders_clinic ON orders (clinic_id, placed_at DESC)`);
    await q.query(`
      CREATE TABLE identity_refusal (
        id           UUID PRIMARY KEY,
        occurred_at  TIMESTAMPTZ NOT NULL,
        user_id      TEXT NOT NULL,
        user_name    TEXT NOT NULL,
        order_id     UUID NOT NULL REFERENCES orders (id),
        batch_id     UUID,
        expected_coi TEXT NOT NULL,
        scanned_coi  TEXT NOT NULL,
        context      TEXT NOT NULL
      )`);
    await q.query(`CREATE INDEX identity_refusal_order ON identity_refusal (order_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity_refusal`);
    await q.query(`DROP TABLE orders`);
  }
}
