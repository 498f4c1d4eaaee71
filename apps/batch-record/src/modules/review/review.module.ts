import { Module } from '@nestjs/common';
import { BatchLockModule } from '../batch-lock/batch-lock.module';
import { BatchesModule } from '../batches/batches.module';
import { ChainOfIdentityModule } from '../chain-of-identity/chain-of-identity.module';
import { DeviationsModule } from '../deviations/deviations.module';
import { MaterialsModule } from '../materials/materials.module';
import { MasterBatchRecordsModule } from '../master-batch-records/master-batch-records.module';
import { SignaturesModule } from '../signatures/signatures.module';
import { TimingModule } from '../timing/timing.module';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

@Module({
  imports: [
    BatchLockModule,
    BatchesModule,
    ChainOfIdentityModule,
    DeviationsModule,
    MasterBatchRecordsModule,
    MaterialsModule,
    SignaturesModule,
    TimingModule,
  ],
  controllers: [ReviewController],
  providers: [ReviewService],
  exports: [ReviewService],
})
export class ReviewModule {}
