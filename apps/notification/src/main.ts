import 'reflect-metadata';
import { bootstrapService, loadServiceConfig } from '@mes/platform';
import { AppModule } from './app.module';
import { notificationConfigSchema } from './config/notification.config';

const config = loadServiceConfig(notificationConfigSchema);
void bootstrapService(AppModule.register(config), config, {
  title: 'notification',
  description:
    'Clinic notifications and staff alerts built from events: inboxes, acknowledgement and real-time Server-Sent Events streams.',
});
