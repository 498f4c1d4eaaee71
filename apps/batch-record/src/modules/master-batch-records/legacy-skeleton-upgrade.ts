import { flattenSteps, mbrFileSchema } from './mbr-schema';
import { mbrContentHash, readMbrFile } from './mbr-files';
import { SqlRunner } from './mbr-store';

/**
 * The walking skeleton's MBR was first installed in the old step format. Its approved recipe is unchanged;
 * this re-expresses it (and the frozen step copies of batches made from it) in the ISA-88 file format.
 */
export async function upgradeLegacySkeleton(db: SqlRunner): Promise<void> {
  const rows = (await db.query(`SELECT id, code, version FROM master_batch_record`)) as { id: string; code: string; version: number }[];
  const skeleton = mbrFileSchema.parse(readMbrFile('cd19-car-t-skeleton.v1.mbr.json'));
  for (const row of rows) {
    if (row.code !== skeleton.code || row.version !== skeleton.version) {
      throw new Error(`MBR ${row.code} v${row.version} is in the old format and has no file to upgrade it from`);
    }
    await db.query(
      `UPDATE master_batch_record SET description = $2, disclaimer = $3, starting_material = $4, final_product = $5, document = $6,
         content_hash = $7, imported_by = 'migration', approved_by = 'migration (installed before the MBR lifecycle existed)',
         approved_at = created_at, effective_at = created_at WHERE id = $1`,
      [
        row.id,
        skeleton.description,
        skeleton.disclaimer,
        skeleton.startingMaterial,
        skeleton.finalProduct,
        JSON.stringify(skeleton),
        mbrContentHash(skeleton),
      ],
    );
    for (const placed of flattenSteps(skeleton)) {
      const params = [
        row.id,
        placed.code,
        JSON.stringify(placed.step),
        placed.unitProcedure.code,
        placed.operation.code,
        placed.operation.name,
      ];
      await db.query(
        `UPDATE mbr_step SET definition = $3, unit_procedure_code = $4, operation_code = $5, operation_name = $6 WHERE mbr_id = $1 AND code = $2`,
        params,
      );
      await db.query(
        `UPDATE batch_step SET definition = $3, unit_procedure_code = $4, operation_code = $5, operation_name = $6
         WHERE code = $2 AND batch_id IN (SELECT id FROM batch WHERE mbr_id = $1)`,
        params,
      );
    }
  }
}
