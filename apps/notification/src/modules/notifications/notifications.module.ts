import { Module } from '@nestjs/common';
import { ClinicDirectoryModule } from '../clinic-directory/clinic-directory.module';
import { StreamingModule } from '../streaming/streaming.module';
import { NotificationConsumer } from './notification.consumer';
import { NotificationFeed } from './notification-feed';
import { NotificationIntakeService } from './notification-intake.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [ClinicDirectoryModule, StreamingModule],
  controllers: [NotificationsController, NotificationConsumer],
  providers: [NotificationRepository, NotificationIntakeService, NotificationFeed],
})
export class NotificationsModule {}
