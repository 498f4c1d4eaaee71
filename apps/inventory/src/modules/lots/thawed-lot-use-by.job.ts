import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimerService } from '@mes/platform';
import { correlationOf } from '../timer-correlation';
import { LotClocksService } from './lot-clocks.service';
import { LotTimers } from './lot-timers';

/** At a thawed lot's use-by it becomes expired (reason use-by-after-thaw). */
@Injectable()
export class ThawedLotUseByJob implements OnModuleInit {
  constructor(
    private readonly timers: TimerService,
    private readonly clocks: LotClocksService,
  ) {}

  onModuleInit(): void {
    this.timers.handle(LotTimers.useByAfterThaw, (tx, timer) =>
      this.clocks.expire(tx, timer.subjectId, 'use-by-after-thaw', correlationOf(timer)),
    );
  }
}
