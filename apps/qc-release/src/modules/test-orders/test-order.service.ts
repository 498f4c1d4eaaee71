import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ExpectedReleaseDateSetV1, TestOrderCreatedV1, TestOverdueV1 } from '@mes/contracts';
import { Clock, NotFoundProblem, OutboxWriter, PublishContext, TimerService, AuditTrail } from '@mes/platform';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { AuditEntities, SYSTEM_ACTOR } from '../qc-audit';
import { dueAtFor, expectedReleaseAt, expectedReleaseChange } from './expected-release';
import { TestOrderEntity } from './test-order.entity';
import { TestOrderRepository } from './test-order.repository';
import { toTestOrderView } from './test-order.view';
import { findTestPlan } from './test-plan';
import { UnknownTestPlanError } from './test-orders.errors';
import { ReleaseTestDueTimer } from './release-test-due.timer';
import { QcReleaseAuditEntity } from '../qc-audit';

export interface ReleaseSamplesDrawn {
  batchId: string;
  testPlan: string;
  sampledAt: Date;
  /** The step that drew the samples and who completed it (for the audit trail). */
  stepCode: string;
  completedBy: string;
  correlationId: string;
  causationId: string;
}

@Injectable()
export class TestOrderService {
  constructor(
    private readonly orders: TestOrderRepository,
    private readonly batches: BatchViewRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly audit: AuditTrail<QcReleaseAuditEntity>,
    private readonly clock: Clock,
  ) {}

  /** Orders every test of the plan once per batch (a redelivered or repeated step adds nothing) and tells the clinic when to expect release. */
  async orderReleaseTests(tx: EntityManager, drawn: ReleaseSamplesDrawn): Promise<TestOrderEntity[]> {
    const plan = findTestPlan(drawn.testPlan);
    if (!plan) throw new UnknownTestPlanError(drawn.testPlan);
    const context: PublishContext = { subject: drawn.batchId, correlationId: drawn.correlationId, causationId: drawn.causationId };
    const before = (await this.orders.listByBatch(drawn.batchId, tx)).map((o) => o.dueAt);
    const created: TestOrderEntity[] = [];
    for (const test of plan.tests) {
      const order = Object.assign(new TestOrderEntity(), {
        id: randomUUID(),
        batchId: drawn.batchId,
        testPlan: plan.code,
        testCode: test.code,
        testName: test.name,
        specification: test.specification,
        status: 'pending',
        sampledAt: drawn.sampledAt,
        dueAt: dueAtFor(drawn.sampledAt, test),
        createdAt: this.clock.now(),
        overdueAt: null,
        result: null,
        conforms: null,
        resultComment: null,
        recordedBy: null,
        recordedByName: null,
        recordedAt: null,
        correctedBy: null,
        correctedByName: null,
        correctedAt: null,
        correctionReason: null,
        closedAt: null,
      } satisfies TestOrderEntity);
      if (!(await this.orders.insertIfAbsent(tx, order))) continue;
      created.push(order);
      await this.outbox.append(
        tx,
        TestOrderCreatedV1,
        { testOrderId: order.id, batchId: order.batchId, testCode: order.testCode, dueAt: order.dueAt.toISOString() },
        context,
      );
      await this.timers.schedule(tx, ReleaseTestDueTimer, {
        subjectId: order.id,
        dueAt: order.dueAt,
        payload: { batchId: order.batchId },
      });
    }
    const change = expectedReleaseChange(before, [...before, ...created.map((o) => o.dueAt)]);
    if (change) {
      await this.outbox.append(
        tx,
        ExpectedReleaseDateSetV1,
        {
          batchId: drawn.batchId,
          expectedReleaseAt: change.expectedReleaseAt.toISOString(),
          previousExpectedReleaseAt: change.previousExpectedReleaseAt?.toISOString() ?? null,
        },
        context,
      );
    }
    const reason = `release samples drawn at step ${drawn.stepCode} by ${drawn.completedBy}`;
    for (const order of created) {
      await this.audit.change(tx, { entity: AuditEntities.testOrder, id: order.id, actor: SYSTEM_ACTOR, after: order, reason });
    }
    return created;
  }

  /** The late-result alert: fires at the due time unless a result came in or the batch was already dispositioned. */
  async markOverdue(tx: EntityManager, testOrderId: string): Promise<boolean> {
    const order = await this.orders.lock(tx, testOrderId);
    if (!order || order.status !== 'pending' || order.closedAt) return false;
    order.status = 'overdue';
    order.overdueAt = this.clock.now();
    await this.orders.save(tx, order);
    await this.outbox.append(
      tx,
      TestOverdueV1,
      { testOrderId: order.id, batchId: order.batchId, testCode: order.testCode, dueAt: order.dueAt.toISOString() },
      { subject: order.batchId },
    );
    await this.audit.change(tx, {
      entity: AuditEntities.testOrder,
      id: order.id,
      actor: SYSTEM_ACTOR,
      before: { status: 'pending', overdueAt: null },
      after: { status: order.status, overdueAt: order.overdueAt },
      reason: `no result by the due time ${order.dueAt.toISOString()}`,
    });
    return true;
  }

  async listForBatch(batchId: string) {
    const [orders, batch] = await Promise.all([this.orders.listByBatch(batchId), this.batches.find(batchId)]);
    if (orders.length === 0 && !batch) throw new NotFoundProblem('Batch', batchId);
    return {
      batchId,
      lotNumber: batch?.lotNumber ?? null,
      coi: batch?.coi ?? null,
      clinicId: batch?.clinicId ?? null,
      completedAt: batch?.completedAt?.toISOString() ?? null,
      expectedReleaseAt: expectedReleaseAt(orders.map((o) => o.dueAt))?.toISOString() ?? null,
      testOrders: orders.map(toTestOrderView),
    };
  }
}
