import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnTimer, TimerOf } from '@mes/platform';
import { ReleaseTestDueTimer } from './release-test-due.timer';
import { TestOrderService } from './test-order.service';

/** A release test's result is due and not in: the order is marked overdue. */
@Injectable()
export class ReleaseTestDueJob {
  constructor(private readonly testOrders: TestOrderService) {}

  @OnTimer(ReleaseTestDueTimer)
  async overdue(tx: EntityManager, timer: TimerOf<typeof ReleaseTestDueTimer>): Promise<void> {
    await this.testOrders.markOverdue(tx, timer.subjectId);
  }
}
