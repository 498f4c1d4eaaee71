import { Module } from '@nestjs/common';
import { BatchLockModule } from '../batch-lock/batch-lock.module';
import { DeviationsModule } from '../deviations/deviations.module';
import { TimingService } from './timing.service';

@Module({ imports: [BatchLockModule, DeviationsModule], providers: [TimingService], exports: [TimingService] })
export class TimingModule {}
