import { Module } from '@nestjs/common';
import { ClinicDirectoryModule } from '../clinic-directory/clinic-directory.module';
import { NotificationConsumer } from './notification.consumer';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationIntakeService } from './notification-intake.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationListener } from './stream/notification-listener';
import { NotificationStreamService } from './stream/notification-stream.service';

@Module({
  imports: [ClinicDirectoryModule],
  controllers: [NotificationsController],
  providers: [
    NotificationRepository,
    NotificationIntakeService,
    NotificationConsumer,
    NotificationInboxService,
    NotificationListener,
    NotificationStreamService,
  ],
})
export class NotificationsModule {}
