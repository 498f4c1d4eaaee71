import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A login lock ends by itself (15 minutes, doubling with each lock in a row), so anonymous guesses cannot lock a
 * person out for good; a signature lock still lasts until an administrator unlocks it (the CHECK holds that).
 */
export class LoginLockoutWindow1763700000300 implements MigrationInterface {
  name = 'LoginLockoutWindow1763700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN locked_until   TIMESTAMPTZ,
        ADD COLUMN login_lockouts INTEGER NOT NULL DEFAULT 0 CHECK (login_lockouts >= 0),
        ADD CONSTRAINT lock_window_only_for_logins CHECK (
          locked_until IS NULL OR (locked_at IS NOT NULL AND lock_reason = 'failed-logins'))`);
    // Login locks taken before this rule end like new ones: 15 minutes after they were taken.
    await q.query(`
      UPDATE app_user SET locked_until = locked_at + interval '15 minutes', login_lockouts = 1
       WHERE lock_reason = 'failed-logins'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT lock_window_only_for_logins, DROP COLUMN login_lockouts, DROP COLUMN locked_until`);
  }
}
