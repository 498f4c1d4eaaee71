import { Module } from '@nestjs/common';
import { ClinicDirectoryModule } from '../clinic-directory/clinic-directory.module';
import { StreamingModule } from '../streaming/streaming.module';
import { NotificationConsumer } from './notification.consumer';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationIntakeService } from './notification-intake.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationStreamService } from './stream/notification-stream.service';

@Module({
  imports: [ClinicDirectoryModule, StreamingModule],
  controllers: [NotificationsController, NotificationConsumer],
  providers: [NotificationRepository, NotificationIntakeService, NotificationInboxService, NotificationStreamService],
})
export class NotificationsModule {}
