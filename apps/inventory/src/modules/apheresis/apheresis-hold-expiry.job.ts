import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimerService } from '@mes/platform';
import { ApheresisService } from './apheresis.service';
import { ApheresisTimers } from './apheresis-timers';
import { correlationOf } from '../timer-correlation';

/** Ends the hold: cells not in manufacturing by now are no longer fit to start. */
@Injectable()
export class ApheresisHoldExpiryJob implements OnModuleInit {
  constructor(
    private readonly timers: TimerService,
    private readonly apheresis: ApheresisService,
  ) {}

  onModuleInit(): void {
    this.timers.handle(ApheresisTimers.holdExpiry, (tx, timer) => this.apheresis.expire(tx, timer.subjectId, correlationOf(timer)));
  }
}
