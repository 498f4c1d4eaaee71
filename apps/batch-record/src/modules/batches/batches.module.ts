import { Module } from '@nestjs/common';
import { ChainOfIdentityModule } from '../chain-of-identity/chain-of-identity.module';
import { MasterBatchRecordsModule } from '../master-batch-records/master-batch-records.module';
import { MaterialsModule } from '../materials/materials.module';
import { OrdersModule } from '../orders/orders.module';
import { BatchRepository } from './batch.repository';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { StepCompletionService } from './step-completion.service';

@Module({
  imports: [ChainOfIdentityModule, OrdersModule, MasterBatchRecordsModule, MaterialsModule],
  controllers: [BatchesController],
  providers: [BatchesService, StepCompletionService, BatchRepository],
})
export class BatchesModule {}
