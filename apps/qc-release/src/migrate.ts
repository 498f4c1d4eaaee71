import 'reflect-metadata';
import { loadServiceConfig, runMigrations } from '@mes/platform';
import { qcReleaseConfigSchema } from './config/qc-release.config';
import { qcReleaseDataSourceOptions } from './database/data-source';
import { CAR_T_RELEASE } from './modules/test-orders/test-plan';

/** `node migrate.js [--seed]`: applies migrations. The test plan is code (reviewed and versioned with it), so --seed has no rows to write. */
async function main(): Promise<void> {
  const config = loadServiceConfig(qcReleaseConfigSchema);
  await runMigrations(qcReleaseDataSourceOptions(config.DATABASE_URL));
  if (!process.argv.includes('--seed')) return;
  process.stdout.write(
    JSON.stringify({ service: 'qc-release', msg: 'nothing to seed; test plans are built in', testPlans: [CAR_T_RELEASE.code] }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
