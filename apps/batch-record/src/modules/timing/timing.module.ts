import { Module } from '@nestjs/common';
import { DeviationsModule } from '../deviations/deviations.module';
import { TimingService } from './timing.service';

@Module({ imports: [DeviationsModule], providers: [TimingService], exports: [TimingService] })
export class TimingModule {}
