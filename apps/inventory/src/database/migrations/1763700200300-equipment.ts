import { MigrationInterface, QueryRunner } from 'typeorm';

/** Equipment registry: what a step may use is in service and inside its calibration; each calibration is kept. */
export class Equipment1763700200300 implements MigrationInterface {
  name = 'Equipment1763700200300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE equipment (
        id                      UUID PRIMARY KEY,
        asset_tag               TEXT NOT NULL,
        type                    TEXT NOT NULL,
        name                    TEXT NOT NULL,
        status                  TEXT NOT NULL CHECK (status IN ('in-service', 'out-of-service', 'retired')),
        status_reason           TEXT,
        calibration_due_at      TIMESTAMPTZ,
        last_calibrated_at      TIMESTAMPTZ,
        calibration_certificate TEXT,
        registered_at           TIMESTAMPTZ NOT NULL,
        registered_by           TEXT NOT NULL,
        updated_at              TIMESTAMPTZ NOT NULL,
        updated_by              TEXT NOT NULL,
        CONSTRAINT equipment_asset_tag_unique UNIQUE (asset_tag),
        CONSTRAINT equipment_calibration_complete CHECK ((calibration_due_at IS NULL) = (calibration_certificate IS NULL))
      )`);
    await q.query(`CREATE INDEX equipment_type_status ON equipment (type, status)`);
    await q.query(`
      CREATE TABLE equipment_calibration (
        id              UUID PRIMARY KEY,
        equipment_id    UUID NOT NULL REFERENCES equipment (id),
        calibrated_at   TIMESTAMPTZ NOT NULL,
        due_at          TIMESTAMPTZ NOT NULL,
        certificate_ref TEXT NOT NULL,
        recorded_by     TEXT NOT NULL,
        recorded_at     TIMESTAMPTZ NOT NULL,
        CONSTRAINT equipment_calibration_due_after CHECK (due_at > calibrated_at)
      )`);
    await q.query(`CREATE INDEX equipment_calibration_equipment ON equipment_calibration (equipment_id, calibrated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE equipment_calibration`);
    await q.query(`DROP TABLE equipment`);
  }
}
