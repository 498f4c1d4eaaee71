import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { qcReleaseConfigSchema } from './config/qc-release.config';

const config = loadServiceConfig(qcReleaseConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'qc-release',
  description: 'Release testing and disposition: test orders from drawn samples, results against specifications, QA signature.',
});
