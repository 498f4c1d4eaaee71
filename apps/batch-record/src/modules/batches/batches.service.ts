import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BatchStartedV1 } from '@mes/contracts';
import { AuditTrail, AuthUser, Clock, ConflictProblem, NotFoundProblem, OutboxWriter, RuleViolationProblem, UnitOfWork } from '@mes/platform';
import { canSee, viewerScope } from '../../shared/viewer-scope';
import { MasterBatchRecordRepository } from '../master-batch-records/master-batch-record.repository';
import { OrderRepository } from '../orders/order.repository';
import { BatchEntity, BatchStepEntity } from './batch.entity';
import { BatchRepository } from './batch.repository';
import { BatchView, ClinicBatchView, toBatchView, toClinicBatchView } from './dto/batch.view';
import { ListBatchesQuery, StartBatchDto } from './dto/start-batch.dto';
import { assertWithinHoldTime, formatLotNumber } from './rules/batch-start';

@Injectable()
export class BatchesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly batches: BatchRepository,
    private readonly orders: OrderRepository,
    private readonly mbrs: MasterBatchRecordRepository,
  ) {}

  start(user: AuthUser, dto: StartBatchDto): Promise<BatchView> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      // Locking the order serializes two starts for the same patient; the unique index on batch.order_id is the backstop.
      const order = await this.orders.findByIdForUpdate(tx, dto.orderId);
      if (!order) throw new NotFoundProblem('Order', dto.orderId);
      const existing = await this.batches.findByOrderId(tx, order.id);
      if (existing) throw new ConflictProblem('batch-already-exists', `Order ${order.id} already has batch ${existing.lotNumber} (${existing.id})`);
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
        throw new RuleViolationProblem('mbr-product-mismatch', `${mbr.code} makes ${mbr.productCode}, but the order is for ${order.productCode}`, [
          { field: 'mbrCode', reason: `is for product ${mbr.productCode}` },
        ]);
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
        state: 'in-progress',
        startedAt: now,
        startedById: user.id,
        startedByName: user.name,
        completedAt: null,
      };
      const steps: BatchStepEntity[] = mbrSteps.map((s) => ({
        id: randomUUID(),
        batchId: batch.id,
        sequence: s.sequence,
        code: s.code,
        name: s.name,
        definition: s.definition,
        values: null,
        materialsUsed: null,
        scannedCoi: null,
        completedAt: null,
        completedById: null,
        completedByName: null,
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
      await this.audit.append(tx, { actor: user, action: 'create', entity: 'batch', entityId: batch.id, newValue });
      return toBatchView(batch, steps);
    });
  }

  async get(user: AuthUser, id: string): Promise<BatchView | ClinicBatchView> {
    const scope = viewerScope(user);
    const batch = await this.batches.findById(id);
    if (!batch || !canSee(scope, batch.clinicId)) throw new NotFoundProblem('Batch', id);
    const steps = await this.batches.stepsOf(batch.id);
    return scope.kind === 'clinic' ? toClinicBatchView(batch, steps) : toBatchView(batch, steps);
  }

  async list(user: AuthUser, query: ListBatchesQuery): Promise<(BatchView | ClinicBatchView)[]> {
    const scope = viewerScope(user);
    const batches = await this.batches.list(scope, query, 200);
    return Promise.all(
      batches.map(async (b) => {
        const steps = await this.batches.stepsOf(b.id);
        return scope.kind === 'clinic' ? toClinicBatchView(b, steps) : toBatchView(b, steps);
      }),
    );
  }
}
