import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lots that inventory found unusable at the moment a batch consumed them: each one blocks release. */
export class MaterialBlockers1763700300200 implements MigrationInterface {
  name = 'MaterialBlockers1763700300200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE qc_material_blocker (
        source_event_id UUID PRIMARY KEY,
        batch_id    UUID NOT NULL,
        lot_id      UUID NOT NULL,
        step_code   TEXT NOT NULL,
        reason      TEXT NOT NULL,
        used_at     TIMESTAMPTZ NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`CREATE INDEX qc_material_blocker_batch ON qc_material_blocker (batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qc_material_blocker`);
  }
}
