import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { DeviationsModule } from '../deviations/deviations.module';
import { MasterBatchRecordsModule } from '../master-batch-records/master-batch-records.module';
import { ReviewModule } from '../review/review.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

/** The executed batch record as JSON and PDF: built from the review's facts, so both show the same record. */
@Module({
  imports: [BatchesModule, DeviationsModule, MasterBatchRecordsModule, ReviewModule],
  controllers: [ExportController],
  providers: [ExportService],
})
export class ExportModule {}
