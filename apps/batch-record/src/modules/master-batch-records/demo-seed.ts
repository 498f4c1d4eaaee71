import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@mes/platform';
import { SEED_MBR_FILES, readMbrFile } from './mbr-files';
import { mbrFileSchema } from './mbr-schema';
import { insertMbrVersion } from './mbr-store';

const SEED_ACTOR = { id: 'seed', name: 'migrate --seed (demo install)' };
/** Demo users trained on every operation; `trainee` deliberately has no training (tests and demos of the refusal). */
export const TRAINED_DEMO_USERS = ['operator', 'operator2', 'supervisor'] as const;

/**
 * Demo install: the shipped MBR files become effective without the review/approval workflow (stated in the record),
 * and the demo users get training for every operation. A production install imports and approves its own MBRs.
 */
export async function seedDemo(tx: EntityManager, audit: AuditTrail, now: Date): Promise<{ mbrs: string[]; training: number }> {
  const mbrs: string[] = [];
  for (const file of SEED_MBR_FILES) {
    const mbr = mbrFileSchema.parse(readMbrFile(file));
    const exists: unknown[] = await tx.query(`SELECT 1 FROM master_batch_record WHERE code = $1 AND version = $2`, [mbr.code, mbr.version]);
    if (exists.length) continue;
    const { id, contentHash } = await insertMbrVersion(tx, mbr, 'effective', SEED_ACTOR.name, now);
    await tx.query(
      `UPDATE master_batch_record SET approved_by = $2, approved_at = $3, effective_at = $3, status_reason = $4 WHERE id = $1`,
      [id, SEED_ACTOR.name, now, 'demo seed: made effective without a QA e-signature; not a GMP approval'],
    );
    await audit.change(tx, {
      entity: 'master_batch_record',
      id,
      actor: SEED_ACTOR,
      after: { code: mbr.code, version: mbr.version, status: 'effective', contentHash },
      reason: 'demo seed',
    });
    mbrs.push(`${mbr.code} v${mbr.version}`);
  }
  const operations: { code: string }[] = await tx.query(
    `SELECT DISTINCT operation_code AS code FROM mbr_step WHERE operation_code IS NOT NULL`,
  );
  const validUntil = new Date(now.getTime() + 365 * 24 * 3_600_000);
  let training = 0;
  for (const username of TRAINED_DEMO_USERS) {
    for (const op of operations) {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO training_record (id, username, operation_code, valid_until, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (username, operation_code) DO NOTHING RETURNING id`,
        [randomUUID(), username, op.code, validUntil, now, SEED_ACTOR.name],
      );
      if (inserted.length) training++;
    }
  }
  if (training)
    await audit.change(tx, {
      entity: 'training_record',
      id: 'demo-users',
      actor: SEED_ACTOR,
      after: { users: TRAINED_DEMO_USERS, records: training, validUntil },
      reason: 'demo seed',
    });
  return { mbrs, training };
}
