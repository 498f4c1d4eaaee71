import { Injectable, OnModuleInit } from '@nestjs/common';
import { BatchCompletedV1, BatchStartedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { BatchViewService } from './batch-view.service';

@Injectable()
export class BatchViewConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly batches: BatchViewService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(BatchStartedV1, (tx, { data }) => this.batches.started(tx, { ...data, startedAt: new Date(data.startedAt) }));
    this.consumer.on(BatchCompletedV1, (tx, { data }) => this.batches.completed(tx, { ...data, completedAt: new Date(data.completedAt) }));
  }
}
