import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { LotClocksService } from './lot-clocks.service';
import { ThawedLotUseByTimer } from './lot-timers';

/** At a thawed lot's use-by it becomes expired (reason use-by-after-thaw). */
@Injectable()
export class ThawedLotUseByJob {
  constructor(private readonly clocks: LotClocksService) {}

  @OnTimer(ThawedLotUseByTimer)
  expire(tx: EntityManager, timer: TimerOf<typeof ThawedLotUseByTimer>): Promise<void> {
    return this.clocks.expire(tx, timer.subjectId, 'use-by-after-thaw', timer.payload.correlationId);
  }
}
