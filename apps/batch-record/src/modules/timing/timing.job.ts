import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { TimingService } from './timing.service';
import { TimingDueTimer, TimingWarningTimer } from './timing-timers';

/** A timing window or hold time nears its end (warning) or has passed (due): subject = the timing record. */
@Injectable()
export class TimingJob {
  constructor(private readonly timing: TimingService) {}

  @OnTimer(TimingWarningTimer)
  warn(tx: EntityManager, timer: TimerOf<typeof TimingWarningTimer>): Promise<void> {
    return this.timing.warn(tx, timer.subjectId);
  }

  @OnTimer(TimingDueTimer)
  due(tx: EntityManager, timer: TimerOf<typeof TimingDueTimer>): Promise<void> {
    return this.timing.due(tx, timer.subjectId);
  }
}
