import { DynamicModule, Module } from '@nestjs/common';
import { Clock, PlatformModule } from '@mes/platform';
import { NotificationConfig } from './config/notification.config';
import { notificationDataSourceOptions } from './database/data-source';
import { ClinicDirectoryModule } from './modules/clinic-directory/clinic-directory.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { StaffAlertsModule } from './modules/staff-alerts/staff-alerts.module';
import { NOTIFICATION_CONSUMES } from './consumes';
import { NOTIFICATION_TIMERS } from './timers';

@Module({})
export class AppModule {
  static register(config: NotificationConfig, clock?: Clock): DynamicModule {
    const db = notificationDataSourceOptions(config.DATABASE_URL);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          config,
          entities: db.entities,
          migrations: db.migrations,
          clock,
          timers: NOTIFICATION_TIMERS,
          consumes: NOTIFICATION_CONSUMES,
        }),
        ClinicDirectoryModule,
        NotificationsModule,
        StaffAlertsModule,
      ],
    };
  }
}
