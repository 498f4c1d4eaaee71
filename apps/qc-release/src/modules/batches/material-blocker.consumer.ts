import { LotMisuseDetectedV1 } from '@mes/contracts';
import { Clock, Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { MaterialBlockerRepository } from './material-blocker.repository';

/** An unusable lot that slipped into a batch blocks its release until QA deals with it. */
@EventConsumer(LotMisuseDetectedV1)
export class MaterialBlockerConsumer {
  constructor(
    private readonly blockers: MaterialBlockerRepository,
    private readonly clock: Clock,
  ) {}

  @OnEvent(LotMisuseDetectedV1)
  lotMisused({ eventId, data }: Consumed<typeof LotMisuseDetectedV1>, { tx }: EventContext) {
    return this.blockers.record(tx, {
      sourceEventId: eventId,
      batchId: data.batchId,
      lotId: data.lotId,
      stepCode: data.stepCode,
      reason: data.reason,
      usedAt: new Date(data.usedAt),
      recordedAt: this.clock.now(),
    });
  }
}
