import { StepCompletedV1 } from '@mes/contracts';
import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { TestOrderService } from './test-order.service';

/** Turns "release samples drawn" steps into test orders; the batch need not be in the read model yet (topics are not ordered together). */
@EventConsumer(StepCompletedV1)
export class TestOrderConsumer {
  constructor(private readonly testOrders: TestOrderService) {}

  @OnEvent(StepCompletedV1)
  async stepCompleted(event: Consumed<typeof StepCompletedV1>, { tx }: EventContext) {
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
  }
}
