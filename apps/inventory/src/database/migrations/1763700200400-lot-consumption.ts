import { MigrationInterface, QueryRunner } from 'typeorm';

/** Batch steps consume lots: the remaining quantity may reach 0, and every consumption is kept. */
export class LotConsumption1763700200400 implements MigrationInterface {
  name = 'LotConsumption1763700200400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reagent_lot DROP CONSTRAINT reagent_lot_quantity_check`);
    await q.query(`ALTER TABLE reagent_lot ADD CONSTRAINT reagent_lot_quantity_check CHECK (quantity >= 0)`);
    await q.query(`
      CREATE TABLE lot_consumption (
        id              UUID PRIMARY KEY,
        lot_id          UUID NOT NULL REFERENCES reagent_lot (id),
        batch_id        UUID NOT NULL,
        step_code       TEXT NOT NULL,
        quantity        NUMERIC NOT NULL CHECK (quantity > 0),
        unit            TEXT NOT NULL,
        quantity_before NUMERIC(14, 3) NOT NULL,
        quantity_after  NUMERIC(14, 3) NOT NULL CHECK (quantity_after >= 0),
        misuse_reason   TEXT,
        consumed_at     TIMESTAMPTZ NOT NULL,
        consumed_by     TEXT NOT NULL,
        recorded_at     TIMESTAMPTZ NOT NULL,
        source_event_id UUID NOT NULL,
        action_index    INT NOT NULL,
        CONSTRAINT lot_consumption_once UNIQUE (source_event_id, action_index)
      )`);
    await q.query(`CREATE INDEX lot_consumption_lot ON lot_consumption (lot_id, consumed_at)`);
    await q.query(`CREATE INDEX lot_consumption_batch ON lot_consumption (batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lot_consumption`);
    await q.query(`ALTER TABLE reagent_lot DROP CONSTRAINT reagent_lot_quantity_check`);
    await q.query(`ALTER TABLE reagent_lot ADD CONSTRAINT reagent_lot_quantity_check CHECK (quantity > 0)`);
  }
}
