import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { LotClocksService } from './lot-clocks.service';
import { LotShelfLifeTimer } from './lot-timers';

/** At a lot's expiry date it becomes expired (reason shelf-life). */
@Injectable()
export class LotShelfLifeJob {
  constructor(private readonly clocks: LotClocksService) {}

  @OnTimer(LotShelfLifeTimer)
  expire(tx: EntityManager, timer: TimerOf<typeof LotShelfLifeTimer>): Promise<void> {
    return this.clocks.expire(tx, timer.subjectId, 'shelf-life', timer.payload.correlationId);
  }
}
