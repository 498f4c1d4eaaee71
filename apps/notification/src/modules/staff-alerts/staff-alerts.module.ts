import { Module } from '@nestjs/common';
import { ClinicDirectoryModule } from '../clinic-directory/clinic-directory.module';
import { StreamingModule } from '../streaming/streaming.module';
import { StaffAlertConsumer } from './staff-alert.consumer';
import { StaffAlertIntakeService } from './staff-alert-intake.service';
import { StaffAlertRepository } from './staff-alert.repository';
import { StaffAlertFeed } from './staff-alert-feed';
import { StaffAlertsController } from './staff-alerts.controller';

/** Alerts for the facility's staff, apart from the clinic inbox: built from events, read and acknowledged by role. */
@Module({
  imports: [ClinicDirectoryModule, StreamingModule],
  controllers: [StaffAlertsController, StaffAlertConsumer],
  providers: [StaffAlertRepository, StaffAlertIntakeService, StaffAlertFeed],
})
export class StaffAlertsModule {}
