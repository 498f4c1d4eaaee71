import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { identityConfigSchema } from './config/identity.config';

const config = loadServiceConfig(identityConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'identity',
  description: 'Built-in token issuer: log in, get a bearer token (replaceable by an external OIDC provider).',
});
