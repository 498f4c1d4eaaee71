import { Module } from '@nestjs/common';
import { MasterBatchRecordsModule } from '../master-batch-records/master-batch-records.module';
import { TrainingController } from './training.controller';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

@Module({
  imports: [MasterBatchRecordsModule],
  controllers: [TrainingController],
  providers: [TrainingService, TrainingRepository],
  exports: [TrainingService],
})
export class TrainingModule {}
