import 'reflect-metadata';
import { loadServiceConfig, runAuditVerification } from '@mes/platform';
import { inventoryConfigSchema } from './config/inventory.config';
import { inventoryDataSourceOptions } from './database/data-source';

/** `node audit-verify.js`: recomputes the audit trail's hash chain; exit 0 intact, 2 broken. */
runAuditVerification(inventoryDataSourceOptions(loadServiceConfig(inventoryConfigSchema).DATABASE_URL)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
