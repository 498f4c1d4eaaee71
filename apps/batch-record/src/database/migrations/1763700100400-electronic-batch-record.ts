import { MigrationInterface, QueryRunner } from 'typeorm';
import { upgradeLegacySkeleton } from '../../modules/master-batch-records/legacy-skeleton-upgrade';

/**
 * The full electronic batch record: MBR lifecycle and ISA-88 placement, step states, signatures, deviations,
 * corrections, timing windows, training matrix and the equipment read model.
 */
export class ElectronicBatchRecord1763700100400 implements MigrationInterface {
  name = 'ElectronicBatchRecord1763700100400';

  async up(q: QueryRunner): Promise<void> {
    // --- master batch records: lifecycle and the whole approved document
    await q.query(`ALTER TABLE master_batch_record DROP CONSTRAINT master_batch_record_status_check`);
    await q.query(`
      ALTER TABLE master_batch_record
        ADD CONSTRAINT master_batch_record_status_check CHECK (status IN ('draft', 'in-review', 'approved', 'effective', 'superseded', 'retired')),
        ADD COLUMN description       TEXT,
        ADD COLUMN disclaimer        TEXT,
        ADD COLUMN starting_material TEXT,
        ADD COLUMN final_product     TEXT,
        ADD COLUMN document          JSONB,
        ADD COLUMN content_hash      TEXT,
        ADD COLUMN imported_by       TEXT,
        ADD COLUMN submitted_at      TIMESTAMPTZ,
        ADD COLUMN submitted_by      TEXT,
        ADD COLUMN approved_at       TIMESTAMPTZ,
        ADD COLUMN approved_by       TEXT,
        ADD COLUMN effective_at      TIMESTAMPTZ,
        ADD COLUMN retired_at        TIMESTAMPTZ,
        ADD COLUMN status_reason     TEXT`);
    await q.query(`
      ALTER TABLE mbr_step
        ADD COLUMN unit_procedure_code TEXT,
        ADD COLUMN operation_code      TEXT,
        ADD COLUMN operation_name      TEXT`);

    // --- batches: the ISA-88 batch state machine
    await q.query(`ALTER TABLE batch DROP CONSTRAINT batch_state_check`);
    await q.query(`ALTER TABLE batch DROP CONSTRAINT complete_batches_have_time`);
    await q.query(`
      ALTER TABLE batch
        ADD CONSTRAINT batch_state_check CHECK (state IN ('created', 'in-progress', 'on-hold', 'complete', 'under-review', 'reviewed')),
        ADD COLUMN hold_reason        TEXT,
        ADD COLUMN hold_kind          TEXT CHECK (hold_kind IN ('decision', 'manual')),
        ADD COLUMN review_started_at  TIMESTAMPTZ,
        ADD COLUMN review_started_by  TEXT,
        ADD COLUMN reviewed_at        TIMESTAMPTZ,
        ADD COLUMN reviewed_by_id     TEXT,
        ADD COLUMN reviewed_by_name   TEXT`);
    await q.query(`
      ALTER TABLE batch_step
        ADD COLUMN state               TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'in-progress', 'completed', 'verified', 'skipped')),
        ADD COLUMN unit_procedure_code TEXT,
        ADD COLUMN operation_code      TEXT,
        ADD COLUMN operation_name      TEXT,
        ADD COLUMN started_at          TIMESTAMPTZ,
        ADD COLUMN started_by_id       TEXT,
        ADD COLUMN started_by_name     TEXT,
        ADD COLUMN value_flags         JSONB,
        ADD COLUMN equipment_used      JSONB,
        ADD COLUMN decision_required   BOOLEAN NOT NULL DEFAULT false,
        ADD COLUMN decision            JSONB,
        ADD COLUMN verified_at         TIMESTAMPTZ,
        ADD COLUMN verified_by_id      TEXT,
        ADD COLUMN verified_by_name    TEXT,
        ADD COLUMN skipped_reason      TEXT`);
    await q.query(`UPDATE batch_step SET state = 'completed' WHERE completed_at IS NOT NULL`);
    await q.query(
      `UPDATE batch SET state = 'created' WHERE state = 'in-progress' AND NOT EXISTS (SELECT 1 FROM batch_step s WHERE s.batch_id = batch.id AND s.state <> 'pending')`,
    );

    // --- electronic signatures (21 CFR 11.50/11.70): who, when, meaning, and a hash of what was signed
    await q.query(`
      CREATE TABLE signature (
        id            UUID PRIMARY KEY,
        batch_id      UUID REFERENCES batch (id),
        subject_type  TEXT NOT NULL CHECK (subject_type IN ('batch-step', 'deviation', 'mbr', 'batch-review', 'batch')),
        subject_id    UUID NOT NULL,
        meaning       TEXT NOT NULL CHECK (meaning IN ('performed', 'verified', 'reviewed', 'approved', 'decided', 'corrected', 'closed')),
        signer_id     TEXT NOT NULL,
        signer_username TEXT NOT NULL,
        printed_name  TEXT NOT NULL,
        signed_at     TIMESTAMPTZ NOT NULL,
        content_hash  TEXT NOT NULL,
        content       JSONB NOT NULL,
        comment       TEXT
      )`);
    await q.query(`CREATE INDEX signature_subject ON signature (subject_type, subject_id, signed_at)`);
    await q.query(`CREATE INDEX signature_batch ON signature (batch_id)`);
    // A signature is never edited or removed: a later change to the content shows as a hash mismatch instead.
    await q.query(`
      CREATE FUNCTION signature_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'signature is append-only'; END $$`);
    await q.query(
      `CREATE TRIGGER signature_no_change BEFORE UPDATE OR DELETE ON signature FOR EACH ROW EXECUTE FUNCTION signature_append_only()`,
    );

    // --- deviations
    await q.query(`CREATE TABLE deviation_number_sequence (year INT PRIMARY KEY, last_value INT NOT NULL)`);
    await q.query(`
      CREATE TABLE deviation (
        id             UUID PRIMARY KEY,
        number         TEXT NOT NULL UNIQUE,
        batch_id       UUID NOT NULL REFERENCES batch (id),
        step_code      TEXT,
        source         TEXT NOT NULL CHECK (source IN ('action-limit', 'missed-window', 'hold-time-exceeded', 'skipped-step', 'manual')),
        classification TEXT NOT NULL CHECK (classification IN ('minor', 'major', 'critical')),
        state          TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        title          TEXT NOT NULL,
        description    TEXT NOT NULL,
        impact         TEXT,
        actions        TEXT,
        opened_at      TIMESTAMPTZ NOT NULL,
        opened_by_id   TEXT NOT NULL,
        opened_by_name TEXT NOT NULL,
        closed_at      TIMESTAMPTZ,
        closed_by_id   TEXT,
        closed_by_name TEXT,
        CONSTRAINT closed_deviation_has_closer CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closed_by_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deviation_batch ON deviation (batch_id, opened_at)`);
    await q.query(`CREATE INDEX deviation_open ON deviation (state, classification) WHERE state = 'open'`);

    // --- corrections: the old value is kept, with who, when and why
    await q.query(`
      CREATE TABLE step_correction (
        id           UUID PRIMARY KEY,
        batch_id     UUID NOT NULL REFERENCES batch (id),
        step_id      UUID NOT NULL REFERENCES batch_step (id),
        field        TEXT NOT NULL,
        old_value    JSONB,
        new_value    JSONB NOT NULL,
        reason       TEXT NOT NULL,
        corrected_at TIMESTAMPTZ NOT NULL,
        by_id        TEXT NOT NULL,
        by_name      TEXT NOT NULL
      )`);
    await q.query(`CREATE INDEX step_correction_batch ON step_correction (batch_id, corrected_at)`);

    // --- timing windows and hold times of running batches (the timers themselves live in platform_timer)
    await q.query(`
      CREATE TABLE timing_record (
        id             UUID PRIMARY KEY,
        batch_id       UUID NOT NULL REFERENCES batch (id),
        code           TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('window', 'hold')),
        description    TEXT NOT NULL,
        step_code      TEXT NOT NULL,
        after_step     TEXT NOT NULL,
        earliest_at    TIMESTAMPTZ,
        due_at         TIMESTAMPTZ NOT NULL,
        warn_at        TIMESTAMPTZ,
        state          TEXT NOT NULL CHECK (state IN ('open', 'met', 'missed', 'cancelled')),
        warned_at      TIMESTAMPTZ,
        met_at         TIMESTAMPTZ,
        late           BOOLEAN NOT NULL DEFAULT false,
        deviation_id   UUID REFERENCES deviation (id),
        UNIQUE (batch_id, code)
      )`);

    // --- training matrix: user x MBR operation x valid until
    await q.query(`
      CREATE TABLE training_record (
        id             UUID PRIMARY KEY,
        username       TEXT NOT NULL,
        operation_code TEXT NOT NULL,
        valid_until    TIMESTAMPTZ NOT NULL,
        granted_at     TIMESTAMPTZ NOT NULL,
        granted_by     TEXT NOT NULL,
        revoked_at     TIMESTAMPTZ,
        revoked_by     TEXT,
        UNIQUE (username, operation_code)
      )`);

    // --- read models built from inventory events
    await q.query(`ALTER TABLE lot_view ADD COLUMN quantity_available NUMERIC(14, 3), ADD COLUMN unit TEXT`);
    await q.query(`
      CREATE TABLE equipment_view (
        equipment_id       UUID PRIMARY KEY,
        asset_tag          TEXT NOT NULL UNIQUE,
        type               TEXT NOT NULL,
        name               TEXT NOT NULL,
        status             TEXT NOT NULL,
        calibration_due_at TIMESTAMPTZ,
        changed_at         TIMESTAMPTZ NOT NULL,
        updated_at         TIMESTAMPTZ NOT NULL
      )`);

    await upgradeLegacySkeleton(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'equipment_view',
      'training_record',
      'timing_record',
      'step_correction',
      'deviation',
      'deviation_number_sequence',
      'signature',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION signature_append_only`);
    await q.query(`ALTER TABLE lot_view DROP COLUMN quantity_available, DROP COLUMN unit`);
    throw new Error('Down-migrating the eBR columns of batch, batch_step and master_batch_record is not supported: restore a backup');
  }
}
