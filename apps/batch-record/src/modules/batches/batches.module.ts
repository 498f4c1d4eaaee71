import { Module } from '@nestjs/common';
import { BatchLockModule } from '../batch-lock/batch-lock.module';
import { ChainOfIdentityModule } from '../chain-of-identity/chain-of-identity.module';
import { DeviationsModule } from '../deviations/deviations.module';
import { MasterBatchRecordsModule } from '../master-batch-records/master-batch-records.module';
import { MaterialsModule } from '../materials/materials.module';
import { OrdersModule } from '../orders/orders.module';
import { SignaturesModule } from '../signatures/signatures.module';
import { TimingModule } from '../timing/timing.module';
import { TrainingModule } from '../training/training.module';
import { BatchProgressService } from './batch-progress.service';
import { BatchRepository } from './batch.repository';
import { BatchViewService } from './batch-view.service';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { StepExecutionService } from './step-execution.service';
import { StepSignoffService } from './step-signoff.service';

@Module({
  imports: [
    BatchLockModule,
    ChainOfIdentityModule,
    OrdersModule,
    MasterBatchRecordsModule,
    MaterialsModule,
    SignaturesModule,
    DeviationsModule,
    TimingModule,
    TrainingModule,
  ],
  controllers: [BatchesController],
  providers: [BatchesService, StepExecutionService, StepSignoffService, BatchProgressService, BatchViewService, BatchRepository],
  exports: [BatchRepository, BatchViewService, BatchProgressService],
})
export class BatchesModule {}
