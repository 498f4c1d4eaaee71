import { MigrationInterface, QueryRunner } from 'typeorm';

export class Users1763700000100 implements MigrationInterface {
  name = 'Users1763700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id            UUID PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles         TEXT[] NOT NULL,
        clinic_id     TEXT,
        active        BOOLEAN NOT NULL DEFAULT true,
        created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
        CONSTRAINT clinic_users_have_clinic CHECK (NOT ('clinic' = ANY(roles)) OR clinic_id IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_user`);
  }
}
