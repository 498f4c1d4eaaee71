import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { TestOrdersModule } from '../test-orders/test-orders.module';
import { BatchEventEvidence } from './batch-event-evidence';
import { DispositionController } from './disposition.controller';
import { DispositionRepository } from './disposition.repository';
import { DispositionService } from './disposition.service';

@Module({
  imports: [BatchesModule, TestOrdersModule],
  controllers: [DispositionController],
  providers: [DispositionRepository, DispositionService, BatchEventEvidence],
})
export class DispositionModule {}
