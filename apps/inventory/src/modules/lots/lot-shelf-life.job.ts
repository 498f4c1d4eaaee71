import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimerService } from '@mes/platform';
import { LotClocksService } from './lot-clocks.service';
import { LotTimers } from './lot-timers';

/** At a lot's expiry date it becomes expired (reason shelf-life). */
@Injectable()
export class LotShelfLifeJob implements OnModuleInit {
  constructor(
    private readonly timers: TimerService,
    private readonly clocks: LotClocksService,
  ) {}

  onModuleInit(): void {
    this.timers.handle(LotTimers.shelfLife, (tx, timer) => this.clocks.expire(tx, timer.subjectId, 'shelf-life'));
  }
}
