import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { ApheresisService } from './apheresis.service';
import { ApheresisHoldExpiryTimer } from './apheresis-timers';

/** Ends the hold: cells not in manufacturing by now are no longer fit to start. */
@Injectable()
export class ApheresisHoldExpiryJob {
  constructor(private readonly apheresis: ApheresisService) {}

  @OnTimer(ApheresisHoldExpiryTimer)
  expire(tx: EntityManager, timer: TimerOf<typeof ApheresisHoldExpiryTimer>): Promise<void> {
    return this.apheresis.expire(tx, timer.subjectId, timer.payload.correlationId);
  }
}
