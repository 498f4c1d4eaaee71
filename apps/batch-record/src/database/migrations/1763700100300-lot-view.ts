import { MigrationInterface, QueryRunner } from 'typeorm';

export class LotView1763700100300 implements MigrationInterface {
  name = 'LotView1763700100300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lot_view (
        lot_id         UUID PRIMARY KEY,
        material_code  TEXT NOT NULL,
        status         TEXT CHECK (status IN ('quarantine', 'released', 'rejected')),
        expires_at     TIMESTAMPTZ,
        thawed_at      TIMESTAMPTZ,
        thawed_use_by  TIMESTAMPTZ,
        expired        BOOLEAN NOT NULL DEFAULT false,
        expired_reason TEXT,
        updated_at     TIMESTAMPTZ NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lot_view`);
  }
}
