import 'reflect-metadata';
import { loadServiceConfig, runOutboxCommand } from '@mes/platform';
import { qcReleaseConfigSchema } from './config/qc-release.config';
import { qcReleaseDataSourceOptions } from './database/data-source';

/** `node outbox.js list | retry <seq> | discard <seq> --by <operator> --reason <why>`: the rows Kafka refused, and the way out (audited). */
runOutboxCommand(qcReleaseDataSourceOptions(loadServiceConfig(qcReleaseConfigSchema).DATABASE_URL), process.argv.slice(2)).catch(
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
