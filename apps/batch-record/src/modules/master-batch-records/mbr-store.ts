import { randomUUID } from 'node:crypto';
import { MbrFile, flattenSteps } from './mbr-schema';
import { mbrContentHash } from './mbr-files';
import { MbrStatus } from './mbr.entity';

/** Anything that runs SQL: a migration's QueryRunner or a transaction's EntityManager. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface InsertedMbr {
  id: string;
  contentHash: string;
}

/** Inserts one MBR version and its steps (in ISA-88 order) with the given status; the caller audits it. */
export async function insertMbrVersion(
  db: SqlRunner,
  mbr: MbrFile,
  status: MbrStatus,
  importedBy: string,
  now: Date,
): Promise<InsertedMbr> {
  const id = randomUUID();
  const contentHash = mbrContentHash(mbr);
  await db.query(
    `INSERT INTO master_batch_record (id, code, version, product_code, name, status, created_at, description, disclaimer,
       starting_material, final_product, document, content_hash, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      mbr.code,
      mbr.version,
      mbr.productCode,
      mbr.name,
      status,
      now,
      mbr.description,
      mbr.disclaimer,
      mbr.startingMaterial,
      mbr.finalProduct,
      JSON.stringify(mbr),
      contentHash,
      importedBy,
    ],
  );
  for (const placed of flattenSteps(mbr)) {
    await db.query(
      `INSERT INTO mbr_step (id, mbr_id, sequence, code, name, definition, unit_procedure_code, operation_code, operation_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        id,
        placed.sequence,
        placed.code,
        placed.step.name,
        JSON.stringify(placed.step),
        placed.unitProcedure.code,
        placed.operation.code,
        placed.operation.name,
      ],
    );
  }
  return { id, contentHash };
}
