import { MigrationInterface, QueryRunner } from 'typeorm';

export class MaterialRefusal1763700100500 implements MigrationInterface {
  name = 'MaterialRefusal1763700100500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE material_refusal (
        id          UUID PRIMARY KEY,
        occurred_at TIMESTAMPTZ NOT NULL,
        user_id     TEXT NOT NULL,
        user_name   TEXT NOT NULL,
        batch_id    UUID NOT NULL REFERENCES batch (id),
        order_id    UUID NOT NULL,
        step_code   TEXT NOT NULL,
        lots        JSONB NOT NULL
      )`);
    await q.query(`CREATE INDEX material_refusal_batch ON material_refusal (batch_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE material_refusal`);
  }
}
