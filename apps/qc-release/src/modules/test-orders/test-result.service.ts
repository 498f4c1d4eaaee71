import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TestResultRecordedV1 } from '@mes/contracts';
import { AuthUser, Clock, OutboxWriter, TimerService, UnitOfWork, AuditTrail } from '@mes/platform';
import { AuditEntities } from '../qc-audit';
import { CorrectResultDto } from './dto/correct-result.dto';
import { RecordResultDto } from './dto/record-result.dto';
import { evaluateResult } from './specification';
import { ReleaseTestDueTimer } from './release-test-due.timer';
import { TestOrderEntity } from './test-order.entity';
import { TestOrderRepository } from './test-order.repository';
import { TestOrderView, resultAuditFields, toTestOrderView } from './test-order.view';
import { TestOrderErrors } from './test-orders.errors';
import { assertCorrectable, assertRecordable } from './test-result.rules';
import { QcReleaseAuditEntity } from '../qc-audit';

@Injectable()
export class TestResultService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: TestOrderRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly audit: AuditTrail<QcReleaseAuditEntity>,
    private readonly clock: Clock,
  ) {}

  /** Records the one result of a test order; a later change is a correction (with a reason). */
  record(testOrderId: string, input: RecordResultDto, analyst: AuthUser): Promise<TestOrderView> {
    return this.uow.run(async (tx) => {
      // Timer row before order row, the same order the firing timer locks them in, so the two never deadlock.
      await this.timers.cancel(tx, ReleaseTestDueTimer, testOrderId, 'result recorded');
      const order = await this.lock(tx, testOrderId);
      const evaluation = evaluateResult(order.specification, input.result);
      assertRecordable(order, evaluation);
      const before = resultAuditFields(order);
      Object.assign(order, {
        status: 'resulted',
        result: evaluation.value,
        conforms: evaluation.conforms,
        resultComment: input.comment || null,
        recordedBy: analyst.id,
        recordedByName: analyst.name,
        recordedAt: this.clock.now(),
      });
      await this.orders.save(tx, order);
      await this.announce(tx, order, analyst);
      await this.audit.change(tx, {
        entity: AuditEntities.testOrder,
        id: order.id,
        actor: analyst,
        before: before,
        after: resultAuditFields(order),
        reason: 'result entered',
      });
      return toTestOrderView(order);
    });
  }

  /** Replaces a recorded result until the disposition is signed; the old value stays in the audit trail. */
  correct(testOrderId: string, input: CorrectResultDto, analyst: AuthUser): Promise<TestOrderView> {
    return this.uow.run(async (tx) => {
      const order = await this.lock(tx, testOrderId);
      const evaluation = evaluateResult(order.specification, input.result);
      assertCorrectable(order, evaluation);
      const before = resultAuditFields(order);
      Object.assign(order, {
        result: evaluation.value,
        conforms: evaluation.conforms,
        resultComment: input.comment === undefined ? order.resultComment : input.comment || null,
        correctedBy: analyst.id,
        correctedByName: analyst.name,
        correctedAt: this.clock.now(),
        correctionReason: input.reason,
      });
      await this.orders.save(tx, order);
      await this.announce(tx, order, analyst);
      await this.audit.change(tx, {
        entity: AuditEntities.testOrder,
        id: order.id,
        actor: analyst,
        before: before,
        after: resultAuditFields(order),
        reason: input.reason,
      });
      return toTestOrderView(order);
    });
  }

  private async lock(tx: EntityManager, id: string): Promise<TestOrderEntity> {
    const order = await this.orders.lock(tx, id);
    if (!order) throw TestOrderErrors.notFound(id);
    return order;
  }

  /** The current result of the order (a correction announces its new value the same way). */
  private async announce(tx: EntityManager, order: TestOrderEntity, analyst: AuthUser): Promise<void> {
    if (order.result === null || order.conforms === null) throw new Error('announce needs a result');
    await this.outbox.append(
      tx,
      TestResultRecordedV1,
      {
        testOrderId: order.id,
        batchId: order.batchId,
        testCode: order.testCode,
        result: order.result,
        conforms: order.conforms,
        recordedBy: analyst.id,
        recordedAt: (order.correctedAt ?? order.recordedAt ?? this.clock.now()).toISOString(),
      },
      { subject: order.batchId },
    );
  }
}
