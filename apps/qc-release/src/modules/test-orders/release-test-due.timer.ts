import { Injectable, OnModuleInit } from '@nestjs/common';
import { TimerService } from '@mes/platform';
import { RELEASE_TEST_DUE, TestOrderService } from './test-order.service';

/** One timer per test order, due when its result is expected; subject = test order id. */
@Injectable()
export class ReleaseTestDueTimer implements OnModuleInit {
  constructor(
    private readonly timers: TimerService,
    private readonly testOrders: TestOrderService,
  ) {}

  onModuleInit(): void {
    this.timers.handle(RELEASE_TEST_DUE, async (tx, timer) => {
      await this.testOrders.markOverdue(tx, timer.subjectId);
    });
  }
}
