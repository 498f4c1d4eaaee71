import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepCompletedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { TestOrderService } from './test-order.service';

/** Turns "release samples drawn" steps into test orders; the batch need not be in the read model yet (topics are not ordered together). */
@Injectable()
export class TestOrderConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly testOrders: TestOrderService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(StepCompletedV1, async (tx, event) => {
      for (const action of event.data.actions) {
        if (action.kind !== 'draw-release-samples') continue;
        await this.testOrders.orderReleaseTests(tx, {
          batchId: event.data.batchId,
          testPlan: action.testPlan,
          sampledAt: new Date(event.data.completedAt),
          stepCode: event.data.stepCode,
          completedBy: event.data.completedBy,
          correlationId: event.correlationId,
          causationId: event.eventId,
        });
      }
    });
  }
}
