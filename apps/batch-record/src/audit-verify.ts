import 'reflect-metadata';
import { loadServiceConfig, runAuditVerification } from '@mes/platform';
import { batchRecordConfigSchema } from './config/batch-record.config';
import { batchRecordDataSourceOptions } from './database/data-source';

/** `node audit-verify.js`: recomputes the audit trail's hash chain; exit 0 intact, 2 broken. */
runAuditVerification(batchRecordDataSourceOptions(loadServiceConfig(batchRecordConfigSchema).DATABASE_URL)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
