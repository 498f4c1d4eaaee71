import 'reflect-metadata';
import { AuditTrail, clockFromConfig, createDataSource, loadServiceConfig, runMigrations } from '@mes/platform';
import { batchRecordConfigSchema } from './config/batch-record.config';
import { batchRecordDataSourceOptions } from './database/data-source';
import { seedDemo } from './modules/master-batch-records/demo-seed';

/** `node migrate.js [--seed]`: applies migrations; with --seed, the demo MBRs and training records (idempotent). */
async function main(): Promise<void> {
  const config = loadServiceConfig(batchRecordConfigSchema);
  const options = batchRecordDataSourceOptions(config.DATABASE_URL);
  await runMigrations(options);
  if (!process.argv.includes('--seed')) return;
  const ds = await createDataSource(options).initialize();
  try {
    const clock = clockFromConfig(config);
    const results = await ds.transaction((tx) => seedDemo(tx, new AuditTrail(clock), clock.now()));
    process.stdout.write(JSON.stringify({ service: 'batch-record', msg: 'demo data seeded', ...results }) + '\n');
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
