import { MigrationInterface, QueryRunner } from 'typeorm';

/** Alerts for the facility's staff (locked accounts, lot misuse, timing, deviations), apart from the clinic inbox. */
export class StaffAlerts1763700400300 implements MigrationInterface {
  name = 'StaffAlerts1763700400300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_alert (
        id                   UUID PRIMARY KEY,
        seq                  BIGSERIAL NOT NULL UNIQUE,
        kind                 TEXT NOT NULL,
        severity             TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        audience             TEXT[] NOT NULL CHECK (cardinality(audience) > 0),
        title                TEXT NOT NULL,
        body                 TEXT NOT NULL,
        subject_id           TEXT NOT NULL,
        batch_id             UUID,
        lot_number           TEXT,
        step_code            TEXT,
        details              JSONB NOT NULL,
        source_event_id      UUID NOT NULL UNIQUE,
        source_event_type    TEXT NOT NULL,
        occurred_at          TIMESTAMPTZ NOT NULL,
        created_at           TIMESTAMPTZ NOT NULL,
        acknowledged_at      TIMESTAMPTZ,
        acknowledged_by      TEXT,
        acknowledged_by_name TEXT,
        CONSTRAINT staff_alert_acknowledged_together CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      )`);
    await q.query(`CREATE INDEX staff_alert_audience ON staff_alert USING GIN (audience)`);
    await q.query(`CREATE INDEX staff_alert_unacknowledged ON staff_alert (seq) WHERE acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_alert`);
  }
}
