import { Module } from '@nestjs/common';
import { BatchLockModule } from '../batch-lock/batch-lock.module';
import { DeviationsModule } from '../deviations/deviations.module';
import { TimingRecordRepository } from './timing-record.repository';
import { TimingJob } from './timing.job';
import { TimingService } from './timing.service';

@Module({
  imports: [BatchLockModule, DeviationsModule],
  providers: [TimingService, TimingRecordRepository, TimingJob],
  exports: [TimingService],
})
export class TimingModule {}
