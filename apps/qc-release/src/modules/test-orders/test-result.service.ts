import { Injectable } from '@nestjs/common';
import { TestResultRecordedV1 } from '@mes/contracts';
import { AuthUser, Clock, ConflictProblem, NotFoundProblem, OutboxWriter, TimerService, UnitOfWork, ValidationProblem } from '@mes/platform';
import { RecordResultDto } from './dto/record-result.dto';
import { evaluateResult } from './specification';
import { RELEASE_TEST_DUE } from './test-order.service';
import { TestOrderRepository } from './test-order.repository';
import { TestOrderView, toTestOrderView } from './test-order.view';

@Injectable()
export class TestResultService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: TestOrderRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly clock: Clock,
  ) {}

  /** Records the one result of a test order; corrections (with audit trail) are a later feature, so a second result is refused. */
  record(testOrderId: string, input: RecordResultDto, analyst: AuthUser): Promise<TestOrderView> {
    return this.uow.run(async (tx) => {
      // Timer row before order row, the same order the firing timer locks them in, so the two never deadlock.
      await this.timers.cancel(tx, RELEASE_TEST_DUE, testOrderId, 'result recorded');
      const order = await this.orders.lock(tx, testOrderId);
      if (!order) throw new NotFoundProblem('Test order', testOrderId);
      if (order.closedAt) {
        throw new ConflictProblem('disposition-signed', `The disposition of batch ${order.batchId} is signed; no more results are accepted`);
      }
      if (order.result !== null) {
        throw new ConflictProblem('result-already-recorded', `Test order ${testOrderId} already has a result`, [
          { field: 'result', reason: 'already recorded; corrections are not supported yet' },
        ]);
      }
      const evaluation = evaluateResult(order.specification, input.result);
      if (!evaluation.valid) throw new ValidationProblem([{ field: 'result', reason: evaluation.reason }], `Invalid ${order.testCode} result`);
      const recordedAt = this.clock.now();
      order.status = 'resulted';
      order.result = evaluation.value;
      order.conforms = evaluation.conforms;
      order.resultComment = input.comment || null;
      order.recordedBy = analyst.id;
      order.recordedByName = analyst.name;
      order.recordedAt = recordedAt;
      await this.orders.save(tx, order);
      await this.outbox.append(
        tx,
        TestResultRecordedV1,
        {
          testOrderId: order.id,
          batchId: order.batchId,
          testCode: order.testCode,
          result: evaluation.value,
          conforms: evaluation.conforms,
          recordedBy: analyst.id,
          recordedAt: recordedAt.toISOString(),
        },
        { subject: order.batchId },
      );
      return toTestOrderView(order);
    });
  }
}
