import 'reflect-metadata';
import { createDataSource, loadServiceConfig, runMigrations } from '@mes/platform';
import { batchRecordConfigSchema } from './config/batch-record.config';
import { batchRecordDataSourceOptions } from './database/data-source';
import { MASTER_BATCH_RECORD_CATALOG } from './modules/master-batch-records/catalog';
import { ensureEffectiveMbr } from './modules/master-batch-records/mbr-seed';

/** `node migrate.js [--seed]`: applies migrations; with --seed, makes sure every catalogued MBR version exists (idempotent). */
async function main(): Promise<void> {
  const config = loadServiceConfig(batchRecordConfigSchema);
  const options = batchRecordDataSourceOptions(config.DATABASE_URL);
  await runMigrations(options);
  if (!process.argv.includes('--seed')) return;
  const ds = await createDataSource(options).initialize();
  try {
    const results = await ds.transaction(async (tx) => {
      const out: { mbr: string; inserted: boolean }[] = [];
      for (const mbr of MASTER_BATCH_RECORD_CATALOG) out.push({ mbr: `${mbr.code} v${mbr.version}`, inserted: await ensureEffectiveMbr(tx, mbr) });
      return out;
    });
    process.stdout.write(JSON.stringify({ service: 'batch-record', msg: 'master batch records seeded', results }) + '\n');
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
