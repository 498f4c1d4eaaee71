import { MigrationInterface, QueryRunner } from 'typeorm';
import { CD19_CAR_T_SKELETON_V1 } from '../../modules/master-batch-records/legacy/cd19-car-t-skeleton-v1.mbr';
import { ensureEffectiveMbr } from '../../modules/master-batch-records/legacy/mbr-seed';

export class MasterBatchRecords1763700100100 implements MigrationInterface {
  name = 'MasterBatchRecords1763700100100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE master_batch_record (
        id           UUID PRIMARY KEY,
        code         TEXT NOT NULL,
        version      INT NOT NULL CHECK (version > 0),
        product_code TEXT NOT NULL,
        name         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('draft', 'effective', 'superseded', 'retired')),
        created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (code, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX master_batch_record_one_effective ON master_batch_record (code) WHERE status = 'effective'`);
    await q.query(`
      CREATE TABLE mbr_step (
        id         UUID PRIMARY KEY,
        mbr_id     UUID NOT NULL REFERENCES master_batch_record (id),
        sequence   INT NOT NULL CHECK (sequence > 0),
        code       TEXT NOT NULL,
        name       TEXT NOT NULL,
        definition JSONB NOT NULL,
        UNIQUE (mbr_id, sequence),
        UNIQUE (mbr_id, code)
      )`);
    // The skeleton's approved recipe is reference data every install needs, so it ships with the schema.
    await ensureEffectiveMbr(q, CD19_CAR_T_SKELETON_V1);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mbr_step`);
    await q.query(`DROP TABLE master_batch_record`);
  }
}
