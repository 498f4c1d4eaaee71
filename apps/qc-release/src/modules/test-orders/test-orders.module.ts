import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { ReleaseTestDueJob } from './release-test-due.job';
import { TestOrderConsumer } from './test-order.consumer';
import { TestOrderRepository } from './test-order.repository';
import { TestOrderService } from './test-order.service';
import { TestOrdersController } from './test-orders.controller';
import { TestResultService } from './test-result.service';

@Module({
  imports: [BatchesModule],
  controllers: [TestOrdersController, TestOrderConsumer],
  providers: [TestOrderRepository, TestOrderService, TestResultService, ReleaseTestDueJob],
  exports: [TestOrderRepository],
})
export class TestOrdersModule {}
