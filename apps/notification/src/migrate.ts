import 'reflect-metadata';
import { loadServiceConfig, runMigrations } from '@mes/platform';
import { notificationConfigSchema } from './config/notification.config';
import { notificationDataSourceOptions } from './database/data-source';

/** `node migrate.js [--seed]`: applies migrations. There is nothing to seed: every row here is built from other services' events. */
async function main(): Promise<void> {
  const config = loadServiceConfig(notificationConfigSchema);
  await runMigrations(notificationDataSourceOptions(config.DATABASE_URL));
  if (process.argv.includes('--seed')) {
    process.stdout.write(JSON.stringify({ service: 'notification', msg: 'no seed data: notifications come only from events' }) + '\n');
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
