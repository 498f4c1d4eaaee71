import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApheresisReceivedV1, BatchStartedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { ApheresisService } from './apheresis.service';

/** Receipt starts the hold-time clock; the batch start stops it. */
@Injectable()
export class ApheresisConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly apheresis: ApheresisService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(ApheresisReceivedV1, (tx, event) => this.apheresis.startHold(tx, event));
    this.consumer.on(BatchStartedV1, (tx, event) => this.apheresis.markInProcess(tx, event));
  }
}
