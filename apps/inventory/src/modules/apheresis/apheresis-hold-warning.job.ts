import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimerService } from '@mes/platform';
import { ApheresisService } from './apheresis.service';
import { ApheresisTimers } from './apheresis-timers';
import { correlationOf } from '../timer-correlation';

/** Warns that the apheresis hold is running out while manufacturing has not started. */
@Injectable()
export class ApheresisHoldWarningJob implements OnModuleInit {
  constructor(
    private readonly timers: TimerService,
    private readonly apheresis: ApheresisService,
  ) {}

  onModuleInit(): void {
    this.timers.handle(ApheresisTimers.holdWarning, (tx, timer) => this.apheresis.warn(tx, timer.subjectId, correlationOf(timer)));
  }
}
