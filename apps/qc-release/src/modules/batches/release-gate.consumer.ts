import { Injectable, OnModuleInit } from '@nestjs/common';
import { BatchReviewedV1, DeviationChangedV1, TimingAlertV1 } from '@mes/contracts';
import { Clock, EventConsumer } from '@mes/platform';
import { ReleaseGateRepository } from './release-gate.repository';

/** QA's review of the batch record and the batch's deviations: a release waits for the one and for no open critical other. */
@Injectable()
export class ReleaseGateConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly gates: ReleaseGateRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.consumer.on(BatchReviewedV1, (tx, { eventId, data }) =>
      this.gates.recordReview(
        tx,
        { batchId: data.batchId, reviewedBy: data.reviewedBy, reviewedAt: new Date(data.reviewedAt), openDeviations: data.openDeviations },
        eventId,
        this.clock.now(),
      ),
    );
    this.consumer.on(DeviationChangedV1, (tx, { eventId, data }) =>
      this.gates.recordDeviation(
        tx,
        {
          deviationId: data.deviationId,
          batchId: data.batchId,
          number: data.number,
          classification: data.classification,
          state: data.state,
          title: data.title,
          stepCode: data.stepCode,
          changedAt: new Date(data.changedAt),
          changedBy: data.changedBy,
        },
        eventId,
        this.clock.now(),
      ),
    );
    // Nothing to apply, but the inbox records its sequence: the release gate must see every event of the batch.
    this.consumer.on(TimingAlertV1, async () => undefined);
  }
}
