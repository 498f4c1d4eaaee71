import { randomUUID } from 'node:crypto';
import { MbrDefinition, mbrDefinitionSchema } from './step-definition';

/** Anything that runs SQL: a migration's QueryRunner or a transaction's EntityManager. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** Inserts an effective MBR version with its steps unless that (code, version) exists; an existing version is never altered. */
export async function ensureEffectiveMbr(db: SqlRunner, raw: MbrDefinition): Promise<boolean> {
  const mbr = mbrDefinitionSchema.parse(raw);
  const id = randomUUID();
  const inserted = (await db.query(
    `INSERT INTO master_batch_record (id, code, version, product_code, name, status)
     VALUES ($1, $2, $3, $4, $5, 'effective') ON CONFLICT (code, version) DO NOTHING RETURNING id`,
    [id, mbr.code, mbr.version, mbr.productCode, mbr.name],
  )) as unknown[];
  if (inserted.length === 0) return false;
  for (const step of mbr.steps) {
    await db.query(`INSERT INTO mbr_step (id, mbr_id, sequence, code, name, definition) VALUES ($1, $2, $3, $4, $5, $6)`, [
      randomUUID(),
      id,
      step.sequence,
      step.code,
      step.name,
      JSON.stringify(step),
    ]);
  }
  return true;
}
