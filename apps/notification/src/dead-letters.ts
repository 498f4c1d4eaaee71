import 'reflect-metadata';
import { loadServiceConfig, runDeadLetterCommand } from '@mes/platform';
import { AppModule } from './app.module';
import { notificationConfigSchema } from './config/notification.config';

// Neither consumer nor worker: the command only borrows the service's handlers (PROCESS_ROLES needs one role); stdout is its answer.
const config = loadServiceConfig(notificationConfigSchema, {
  ...process.env,
  PROCESS_ROLES: 'api',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
});
void runDeadLetterCommand(AppModule.register(config), config.SERVICE_NAME, process.argv.slice(2));
