import { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only, hash-chained audit trail (21 CFR Part 11 §11.10(e), EU GMP Annex 11 §9) in every service's database. */
export class PlatformAudit1763700000500 implements MigrationInterface {
  name = 'PlatformAudit1763700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_audit (
        seq          BIGSERIAL PRIMARY KEY,
        entry_id     UUID NOT NULL UNIQUE,
        occurred_at  TIMESTAMPTZ NOT NULL,
        actor_id     TEXT NOT NULL,
        actor_name   TEXT NOT NULL,
        action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        entity       TEXT NOT NULL,
        entity_id    TEXT NOT NULL,
        old_value    JSONB,
        new_value    JSONB,
        reason       TEXT,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
      )`);
    await q.query(`CREATE INDEX platform_audit_entity ON platform_audit (entity, entity_id, seq)`);
    // The trigger stops the application from rewriting history; production should also
    // REVOKE UPDATE, DELETE, TRUNCATE ON platform_audit FROM the service role (a superuser can still disable
    // the trigger, which is what the hash chain is there to detect).
    await q.query(`
      CREATE FUNCTION platform_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'platform_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER platform_audit_no_update_delete BEFORE UPDATE OR DELETE ON platform_audit
      FOR EACH ROW EXECUTE FUNCTION platform_audit_append_only()`);
    await q.query(`
      CREATE TRIGGER platform_audit_no_truncate BEFORE TRUNCATE ON platform_audit
      FOR EACH STATEMENT EXECUTE FUNCTION platform_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform_audit`);
    await q.query(`DROP FUNCTION platform_audit_append_only()`);
  }
}
