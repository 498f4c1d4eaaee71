import { Module } from '@nestjs/common';
import { SignaturesModule } from '../signatures/signatures.module';
import { MasterBatchRecordRepository } from './master-batch-record.repository';
import { MasterBatchRecordsController } from './master-batch-records.controller';
import { MasterBatchRecordsService } from './master-batch-records.service';

@Module({
  imports: [SignaturesModule],
  controllers: [MasterBatchRecordsController],
  providers: [MasterBatchRecordsService, MasterBatchRecordRepository],
  exports: [MasterBatchRecordRepository],
})
export class MasterBatchRecordsModule {}
