import { BatchReviewedV1, DeviationChangedV1, TimingAlertV1 } from '@mes/contracts';
import { Clock, Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { ReleaseGateRepository } from './release-gate.repository';

/** QA's review of the batch record and the batch's deviations: a release waits for the one and for no open critical other. */
@EventConsumer(BatchReviewedV1, DeviationChangedV1, TimingAlertV1)
export class ReleaseGateConsumer {
  constructor(
    private readonly gates: ReleaseGateRepository,
    private readonly clock: Clock,
  ) {}

  @OnEvent(BatchReviewedV1)
  reviewed({ eventId, data }: Consumed<typeof BatchReviewedV1>, { tx }: EventContext) {
    return this.gates.recordReview(
      tx,
      { batchId: data.batchId, reviewedBy: data.reviewedBy, reviewedAt: new Date(data.reviewedAt), openDeviations: data.openDeviations },
      eventId,
      this.clock.now(),
    );
  }

  @OnEvent(DeviationChangedV1)
  deviationChanged({ eventId, data }: Consumed<typeof DeviationChangedV1>, { tx }: EventContext) {
    return this.gates.recordDeviation(
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
    );
  }

  // Nothing to apply, but the inbox records its sequence: the release gate must see every event of the batch.
  @OnEvent(TimingAlertV1)
  async timingAlert(): Promise<void> {}
}
