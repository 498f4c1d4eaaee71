import 'reflect-metadata';
import { clockFromConfig, createDataSource, loadServiceConfig, runMigrations } from '@mes/platform';
import { inventoryConfigSchema } from './config/inventory.config';
import { inventoryDataSourceOptions } from './database/data-source';
import { seedDemoEquipment, seedDemoLots } from './database/seed';

/** `node migrate.js [--seed]`: applies migrations; with --seed, adds the demo reagent lots and equipment that are missing. */
async function main(): Promise<void> {
  const config = loadServiceConfig(inventoryConfigSchema);
  const options = inventoryDataSourceOptions(config.DATABASE_URL);
  await runMigrations(options);
  if (!process.argv.includes('--seed')) return;
  const ds = await createDataSource(options).initialize();
  try {
    // The configured clock, so an accelerated demo dates the lots in its own time.
    const clock = clockFromConfig(config);
    const lots = await seedDemoLots(ds, clock);
    process.stdout.write(JSON.stringify({ service: 'inventory', msg: 'demo lots seeded', ...lots }) + '\n');
    const equipment = await seedDemoEquipment(ds, clock);
    process.stdout.write(JSON.stringify({ service: 'inventory', msg: 'demo equipment seeded', ...equipment }) + '\n');
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
