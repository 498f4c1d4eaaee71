import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { ApheresisService } from './apheresis.service';
import { ApheresisHoldWarningTimer } from './apheresis-timers';

/** Warns that the apheresis hold is running out while manufacturing has not started. */
@Injectable()
export class ApheresisHoldWarningJob {
  constructor(private readonly apheresis: ApheresisService) {}

  @OnTimer(ApheresisHoldWarningTimer)
  warn(tx: EntityManager, timer: TimerOf<typeof ApheresisHoldWarningTimer>): Promise<void> {
    return this.apheresis.warn(tx, timer.subjectId, timer.payload.correlationId);
  }
}
