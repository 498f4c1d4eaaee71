import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Part 11 §11.200/§11.300: which login sessions have signed already (the first signature needs the user name too),
 * and per-account counters of consecutive failed signatures and logins, with the lock they lead to.
 */
export class SigningSessionsLockout1763700000200 implements MigrationInterface {
  name = 'SigningSessionsLockout1763700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN failed_signature_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_signature_attempts >= 0),
        ADD COLUMN failed_login_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (failed_login_attempts >= 0),
        ADD COLUMN locked_at                 TIMESTAMPTZ,
        ADD COLUMN lock_reason               TEXT CHECK (lock_reason IN ('failed-signatures', 'failed-logins')),
        ADD CONSTRAINT locked_with_reason CHECK ((locked_at IS NULL) = (lock_reason IS NULL))`);
    await q.query(`
      CREATE TABLE signing_session (
        session_id      TEXT PRIMARY KEY,
        user_id         UUID NOT NULL REFERENCES app_user (id),
        first_signed_at TIMESTAMPTZ NOT NULL
      )`);
    await q.query(`CREATE INDEX signing_session_user ON signing_session (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signing_session`);
    await q.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT locked_with_reason,
        DROP COLUMN lock_reason,
        DROP COLUMN locked_at,
        DROP COLUMN failed_login_attempts,
        DROP COLUMN failed_signature_attempts`);
  }
}
