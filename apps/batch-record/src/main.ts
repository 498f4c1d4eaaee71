import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { batchRecordConfigSchema } from './config/batch-record.config';

const config = loadServiceConfig(batchRecordConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'batch-record',
  description: 'Orders and chain of identity, master batch records, batches and electronic batch-record step execution.',
});
