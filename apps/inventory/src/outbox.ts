import 'reflect-metadata';
import { loadServiceConfig, runOutboxCommand } from '@mes/platform';
import { inventoryConfigSchema } from './config/inventory.config';
import { inventoryDataSourceOptions } from './database/data-source';

/** `node outbox.js list | retry <seq> | discard <seq> --by <operator> --reason <why>`: the rows Kafka refused, and the way out (audited). */
runOutboxCommand(inventoryDataSourceOptions(loadServiceConfig(inventoryConfigSchema).DATABASE_URL), process.argv.slice(2)).catch(
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
