import 'reflect-metadata';
import { loadServiceConfig, runOutboxCommand } from '@mes/platform';
import { notificationConfigSchema } from './config/notification.config';
import { notificationDataSourceOptions } from './database/data-source';

/** `node outbox.js list | retry <seq> | discard <seq> --by <operator> --reason <why>`: the rows Kafka refused, and the way out (audited). */
runOutboxCommand(notificationDataSourceOptions(loadServiceConfig(notificationConfigSchema).DATABASE_URL), process.argv.slice(2)).catch(
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
