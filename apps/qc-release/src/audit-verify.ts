import 'reflect-metadata';
import { loadServiceConfig, runAuditVerification } from '@mes/platform';
import { qcReleaseConfigSchema } from './config/qc-release.config';
import { qcReleaseDataSourceOptions } from './database/data-source';

/** `node audit-verify.js`: recomputes the audit trail's hash chain; exit 0 intact, 2 broken. */
runAuditVerification(qcReleaseDataSourceOptions(loadServiceConfig(qcReleaseConfigSchema).DATABASE_URL)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
