import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { batchRecordConfigSchema } from './config/batch-record.config';

const config = loadServiceConfig(batchRecordConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'batch-record',
  description:
    'Orders and chain of identity, master batch records (lifecycle), electronic batch-record execution, deviations, review by exception and export.',
  // MBR files are imported as the request body; the 30-step examples are ~75 kB.
  jsonBodyLimit: '2mb',
});
