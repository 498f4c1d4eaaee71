import { MigrationInterface, QueryRunner } from 'typeorm';

export class Lots1763700200100 implements MigrationInterface {
  name = 'Lots1763700200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reagent_lot (
        id                UUID PRIMARY KEY,
        material_code     TEXT NOT NULL,
        supplier_lot      TEXT NOT NULL,
        quantity          NUMERIC(14, 3) NOT NULL CHECK (quantity > 0),
        unit              TEXT NOT NULL,
        status            TEXT NOT NULL CHECK (status IN ('quarantine', 'released', 'rejected', 'expired')),
        status_reason     TEXT,
        status_changed_at TIMESTAMPTZ NOT NULL,
        status_changed_by TEXT NOT NULL,
        expires_at        TIMESTAMPTZ NOT NULL,
        received_at       TIMESTAMPTZ NOT NULL,
        received_by       TEXT NOT NULL,
        thawed_at         TIMESTAMPTZ,
        use_by            TIMESTAMPTZ,
        thawed_batch_id   UUID,
        expired_at        TIMESTAMPTZ,
        expiry_reason     TEXT CHECK (expiry_reason IN ('shelf-life', 'use-by-after-thaw')),
        CONSTRAINT reagent_lot_expired_has_reason CHECK (status <> 'expired' OR (expiry_reason IS NOT NULL AND expired_at IS NOT NULL)),
        CONSTRAINT reagent_lot_thaw_complete CHECK ((thawed_at IS NULL) = (use_by IS NULL))
      )`);
    await q.query(`CREATE INDEX reagent_lot_material_status ON reagent_lot (material_code, status)`);
    // GMP audit trail: who, when, old, new, why; append-only, enforced by the database itself.
    await q.query(`
      CREATE TABLE lot_audit (
        seq         BIGSERIAL PRIMARY KEY,
        lot_id      UUID NOT NULL REFERENCES reagent_lot (id),
        action      TEXT NOT NULL CHECK (action IN ('received', 'released', 'rejected', 'thawed', 'expired')),
        from_status TEXT,
        to_status   TEXT NOT NULL,
        reason      TEXT,
        actor       TEXT NOT NULL,
        at          TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`CREATE INDEX lot_audit_lot ON lot_audit (lot_id, seq)`);
    await q.query(`
      CREATE FUNCTION lot_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'lot_audit is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER lot_audit_no_change BEFORE UPDATE OR DELETE ON lot_audit
      FOR EACH ROW EXECUTE FUNCTION lot_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lot_audit`);
    await q.query(`DROP FUNCTION lot_audit_append_only`);
    await q.query(`DROP TABLE reagent_lot`);
  }
}
