import { BatchCompletedV1, BatchStartedV1 } from '@mes/contracts';
import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { BatchViewService } from './batch-view.service';

@EventConsumer(BatchStartedV1, BatchCompletedV1)
export class BatchViewConsumer {
  constructor(private readonly batches: BatchViewService) {}

  @OnEvent(BatchStartedV1)
  started({ data }: Consumed<typeof BatchStartedV1>, { tx }: EventContext) {
    return this.batches.started(tx, { ...data, startedAt: new Date(data.startedAt) });
  }

  @OnEvent(BatchCompletedV1)
  completed({ data }: Consumed<typeof BatchCompletedV1>, { tx }: EventContext) {
    return this.batches.completed(tx, { ...data, completedAt: new Date(data.completedAt) });
  }
}
