import { ApheresisReceivedV1, BatchStartedV1 } from '@mes/contracts';
import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { ApheresisService } from './apheresis.service';

/** Receipt starts the hold-time clock; the batch start stops it. */
@EventConsumer(ApheresisReceivedV1, BatchStartedV1)
export class ApheresisConsumer {
  constructor(private readonly apheresis: ApheresisService) {}

  @OnEvent(ApheresisReceivedV1)
  received(event: Consumed<typeof ApheresisReceivedV1>, { tx }: EventContext) {
    return this.apheresis.startHold(tx, event);
  }

  @OnEvent(BatchStartedV1)
  batchStarted(event: Consumed<typeof BatchStartedV1>, { tx }: EventContext) {
    return this.apheresis.markInProcess(tx, event);
  }
}
