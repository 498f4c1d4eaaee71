import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BatchStartedV1 } from '@mes/contracts';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  OutboxWriter,
  RuleViolationProblem,
  UnitOfWork,
  SignatureInput,
  viewerScope,
  assertVisible,
  AuditTrail,
} from '@mes/platform';
import { BatchLock } from '../batch-lock/batch-lock';
import { MasterBatchRecordRepository } from '../master-batch-records/master-batch-record.repository';
import { OrderRepository } from '../orders/order.repository';
import { BatchEntity, BatchStepEntity, NOT_STARTED } from './batch.entity';
import { BatchRepository } from './batch.repository';
import { SignatureService } from '../signatures/signature.service';
import { BatchProgressService, runningState } from './batch-progress.service';
import { BatchViewService } from './batch-view.service';
import { BatchView, ClinicBatchView, toClinicBatchView } from './dto/batch.view';
import { awaitsDecision } from './rules/step-states';
import { ListBatchesQuery, StartBatchDto } from './dto/start-batch.dto';
import { assertWithinHoldTime, formatLotNumber } from './rules/batch-start';
import { BatchRecordAuditEntity } from '../../audit-entities';

@Injectable()
export class BatchesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly clock: Clock,
    private readonly batches: BatchRepository,
    private readonly batchLock: BatchLock,
    private readonly orders: OrderRepository,
    private readonly mbrs: MasterBatchRecordRepository,
    private readonly views: BatchViewService,
    private readonly progress: BatchProgressService,
    private readonly signatures: SignatureService,
  ) {}

  start(user: AuthUser, dto: StartBatchDto): Promise<BatchView> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      // Locking the order serializes two starts for the same patient; the unique index on batch.order_id is the backstop.
      const order = await this.orders.findByIdForUpdate(tx, dto.orderId);
      if (!order) throw new NotFoundProblem('Order', dto.orderId);
      const existing = await this.batches.findByOrderId(tx, order.id);
      if (existing)
        throw new ConflictProblem('batch-already-exists', `Order ${order.id} already has batch ${existing.lotNumber} (${existing.id})`);
      if (order.state !== 'apheresis-received' || !order.apheresisCollectedAt || order.apheresisHoldTimeHours === null) {
        throw new RuleViolationProblem('apheresis-not-received', `The apheresis for order ${order.id} has not been received`, [
          { field: 'orderId', reason: 'apheresis not received' },
        ]);
      }
      assertWithinHoldTime(order.apheresisCollectedAt, order.apheresisHoldTimeHours, now);
      const found = await this.mbrs.findEffective(tx, dto.mbrCode);
      if (!found) {
        const reason = (await this.mbrs.existsWithCode(tx, dto.mbrCode)) ? 'has no effective version' : 'is unknown';
        throw new RuleViolationProblem('mbr-not-effective', `Master batch record ${dto.mbrCode} ${reason}`, [{ field: 'mbrCode', reason }]);
      }
      const { mbr, steps: mbrSteps } = found;
      if (mbr.productCode !== order.productCode) {
        throw new RuleViolationProblem(
          'mbr-product-mismatch',
          `${mbr.code} makes ${mbr.productCode}, but the order is for ${order.productCode}`,
          [{ field: 'mbrCode', reason: `is for product ${mbr.productCode}` }],
        );
      }
      const lotNumber = formatLotNumber(now, await this.batches.nextLotSequence(tx, now.getUTCFullYear()));
      const batch: BatchEntity = {
        id: randomUUID(),
        lotNumber,
        orderId: order.id,
        coi: order.coi,
        clinicId: order.clinicId,
        productCode: order.productCode,
        mbrId: mbr.id,
        mbrCode: mbr.code,
        mbrVersion: mbr.version,
        state: 'created',
        startedAt: now,
        startedById: user.id,
        startedByName: user.name,
        completedAt: null,
        holdReason: null,
        holdKind: null,
        reviewStartedAt: null,
        reviewStartedBy: null,
        reviewedAt: null,
        reviewedById: null,
        reviewedByName: null,
      };
      const steps: BatchStepEntity[] = mbrSteps.map((s) => ({
        id: randomUUID(),
        batchId: batch.id,
        sequence: s.sequence,
        code: s.code,
        name: s.name,
        definition: s.definition,
        unitProcedureCode: s.unitProcedureCode,
        operationCode: s.operationCode,
        operationName: s.operationName,
        ...NOT_STARTED,
      }));
      await this.batches.insert(tx, batch, steps);
      await this.outbox.append(
        tx,
        BatchStartedV1,
        {
          batchId: batch.id,
          lotNumber,
          orderId: order.id,
          coi: order.coi,
          clinicId: order.clinicId,
          mbrCode: mbr.code,
          mbrVersion: mbr.version,
          startedAt: now.toISOString(),
          startedBy: user.username,
        },
        { subject: batch.id, correlationId: order.id },
      );
      // The step definitions are the frozen MBR version named in the batch; the entry lists the step rows created.
      const newValue = { ...batch, steps: steps.map(({ id, sequence, code }) => ({ id, sequence, code })) };
      await this.audit.change(tx, { entity: 'batch', id: batch.id, actor: user, after: newValue });
      return this.views.full(batch, steps, tx);
    });
  }

  /** Anyone responsible may stop the line; only a supervisor resumes it, with a signature. */
  hold(user: AuthUser, id: string, reason: string): Promise<BatchView> {
    return this.uow.run(async (tx) => {
      const batch = await this.batchLock.lock(tx, id);
      // A decision hold may be turned into a manual one (then only a signed resume lifts it, not the decision).
      const running = batch.state === 'created' || batch.state === 'in-progress';
      if (!running && !(batch.state === 'on-hold' && batch.holdKind === 'decision')) {
        throw new ConflictProblem(
          'batch-not-running',
          `The batch is ${batch.state}${batch.holdKind === 'manual' ? ' (held by hand)' : ''} and cannot be put on hold`,
        );
      }
      await this.progress.setState(tx, batch, 'on-hold', reason, user, undefined, { holdKind: 'manual' });
      return this.views.full(batch, await this.batches.stepsOf(id, tx), tx);
    });
  }

  async resume(user: AuthUser, token: string, id: string, reason: string, signature: SignatureInput): Promise<BatchView> {
    const signed = await this.signatures.verify(token, signature);
    return this.uow.run(async (tx) => {
      const batch = await this.batchLock.lock(tx, id);
      if (batch.state !== 'on-hold') throw new ConflictProblem('batch-not-on-hold', `The batch is ${batch.state}, not on hold`);
      const steps = await this.batches.stepsOf(id, tx);
      const waiting = steps.filter(awaitsDecision);
      if (waiting.length) {
        throw new RuleViolationProblem(
          'decision-pending',
          `Steps ${waiting.map((s) => s.code).join(', ')} await a supervisor decision; decide those first`,
          [{ field: 'stepCode', reason: `awaiting decision: ${waiting.map((s) => s.code).join(', ')}` }],
        );
      }
      await this.signatures.record(tx, signed, {
        signer: user,
        subjectType: 'batch',
        subjectId: batch.id,
        batchId: batch.id,
        meaning: 'decided',
        content: { batchId: batch.id, resume: true, holdReason: batch.holdReason, reason },
        comment: reason,
      });
      await this.progress.setState(tx, batch, runningState(steps), null, user, reason, { holdKind: null });
      await this.progress.settle(tx, batch, steps, user);
      return this.views.full(batch, steps, tx);
    });
  }

  async get(user: AuthUser, id: string): Promise<BatchView | ClinicBatchView> {
    const scope = viewerScope(user);
    const batch = assertVisible(scope, await this.batches.findById(id), 'Batch', id);
    const steps = await this.batches.stepsOf(batch.id);
    return scope.kind === 'clinic' ? toClinicBatchView(batch, steps) : this.views.full(batch, steps);
  }

  async list(user: AuthUser, query: ListBatchesQuery): Promise<(BatchView | ClinicBatchView)[]> {
    const scope = viewerScope(user);
    const batches = await this.batches.list(scope, query, 200);
    const steps = await this.batches.stepsOfMany(batches.map((b) => b.id));
    if (scope.kind === 'clinic') return batches.map((b) => toClinicBatchView(b, steps.get(b.id)!));
    return this.views.fullMany(batches, steps);
  }
}
