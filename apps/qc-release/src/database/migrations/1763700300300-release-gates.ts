import { MigrationInterface, QueryRunner } from 'typeorm';

/** What else gates a release: the QA review of the batch record and open critical deviations (read models); result corrections. */
export class ReleaseGates1763700300300 implements MigrationInterface {
  name = 'ReleaseGates1763700300300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE qc_batch_review (
        batch_id        UUID PRIMARY KEY,
        reviewed_by     TEXT NOT NULL,
        reviewed_at     TIMESTAMPTZ NOT NULL,
        open_deviations INT NOT NULL,
        source_event_id UUID NOT NULL,
        recorded_at     TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`
      CREATE TABLE qc_deviation_view (
        deviation_id    UUID PRIMARY KEY,
        batch_id        UUID NOT NULL,
        number          TEXT NOT NULL,
        classification  TEXT NOT NULL,
        state           TEXT NOT NULL,
        title           TEXT NOT NULL,
        step_code       TEXT,
        changed_at      TIMESTAMPTZ NOT NULL,
        changed_by      TEXT NOT NULL,
        source_event_id UUID NOT NULL,
        recorded_at     TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`CREATE INDEX qc_deviation_view_batch ON qc_deviation_view (batch_id)`);
    await q.query(`
      ALTER TABLE qc_test_order
        ADD COLUMN corrected_by      TEXT,
        ADD COLUMN corrected_by_name TEXT,
        ADD COLUMN corrected_at      TIMESTAMPTZ,
        ADD COLUMN correction_reason TEXT,
        ADD CONSTRAINT qc_test_order_correction_complete CHECK (
          (corrected_at IS NULL AND corrected_by IS NULL AND correction_reason IS NULL)
          OR (corrected_at IS NOT NULL AND corrected_by IS NOT NULL AND correction_reason IS NOT NULL AND result IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE qc_test_order DROP CONSTRAINT qc_test_order_correction_complete,
        DROP COLUMN corrected_by, DROP COLUMN corrected_by_name, DROP COLUMN corrected_at, DROP COLUMN correction_reason`);
    await q.query(`DROP TABLE qc_deviation_view`);
    await q.query(`DROP TABLE qc_batch_review`);
  }
}
