import { Injectable, OnModuleInit } from '@nestjs/common';
import { LotMisuseDetectedV1 } from '@mes/contracts';
import { Clock, EventConsumer } from '@mes/platform';
import { MaterialBlockerRepository } from './material-blocker.repository';

/** An unusable lot that slipped into a batch blocks its release until QA deals with it. */
@Injectable()
export class MaterialBlockerConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly blockers: MaterialBlockerRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.consumer.on(LotMisuseDetectedV1, (tx, event) =>
      this.blockers.record(tx, {
        sourceEventId: event.eventId,
        batchId: event.data.batchId,
        lotId: event.data.lotId,
        stepCode: event.data.stepCode,
        reason: event.data.reason,
        usedAt: new Date(event.data.usedAt),
        recordedAt: this.clock.now(),
      }),
    );
  }
}
