import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApheresisReceivedV1, OrderPlacedV1 } from '@mes/contracts';
import { AuthUser, Clock, NotFoundProblem, OutboxWriter, UnitOfWork, viewerScope, assertVisible, AuditTrail } from '@mes/platform';
import { CoiGenerator } from '../chain-of-identity/coi-generator';
import { assertCoiMatches } from '../chain-of-identity/coi-mismatch';
import { IdentityRefusalEntity } from '../chain-of-identity/identity-refusal.entity';
import { IdentityRefusalRepository } from '../chain-of-identity/identity-refusal.repository';
import { IdentityRefusalService } from '../chain-of-identity/identity-refusal.service';
import { ApheresisReceiptDto } from './dto/apheresis-receipt.dto';
import { OrderView, toOrderView } from './dto/order.view';
import { PlaceOrderDto } from './dto/place-order.dto';
import { OrderEntity } from './order.entity';
import { OrderRepository } from './order.repository';
import { assertAwaitingApheresis, assertCollectedNotInFuture, assertSlotDateNotPast, requireProduct } from './order-rules';
import { BatchRecordAuditEntity } from '../../audit-entities';

const COI_ATTEMPTS = 5;

@Injectable()
export class OrdersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly clock: Clock,
    private readonly orders: OrderRepository,
    private readonly coiGenerator: CoiGenerator,
    private readonly refusals: IdentityRefusalService,
    private readonly refusalRecords: IdentityRefusalRepository,
  ) {}

  async place(user: AuthUser, dto: PlaceOrderDto): Promise<OrderView> {
    requireProduct(dto.productCode);
    const now = this.clock.now();
    assertSlotDateNotPast(dto.slotDate, now);
    const clinicId = user.clinicId!; // guaranteed by the 'clinic' role: the token verifier refuses a clinic user without one
    return this.uow.run(async (tx) => {
      const order: OrderEntity = {
        id: randomUUID(),
        coi: '',
        clinicId,
        productCode: dto.productCode,
        slotDate: dto.slotDate,
        clinicPatientRef: dto.clinicPatientRef ?? null,
        state: 'placed',
        placedAt: now,
        placedById: user.id,
        placedByName: user.name,
        apheresisBagId: null,
        apheresisCollectedAt: null,
        apheresisReceivedAt: null,
        apheresisReceivedById: null,
        apheresisReceivedByName: null,
        apheresisHoldTimeHours: null,
      };
      for (let attempt = 1; ; attempt++) {
        order.coi = this.coiGenerator.next();
        if (await this.orders.insertIfCoiFree(tx, order)) break;
        if (attempt >= COI_ATTEMPTS) throw new Error('could not allocate a unique COI');
      }
      await this.outbox.append(
        tx,
        OrderPlacedV1,
        { orderId: order.id, coi: order.coi, clinicId, productCode: order.productCode, slotDate: order.slotDate, placedBy: user.username },
        { subject: order.id, correlationId: order.id },
      );
      await this.audit.change(tx, { entity: 'order', id: order.id, actor: user, after: order });
      return toOrderView(order);
    });
  }

  async list(user: AuthUser): Promise<OrderView[]> {
    return (await this.orders.list(viewerScope(user), 500)).map(toOrderView);
  }

  async get(user: AuthUser, id: string): Promise<OrderView> {
    return toOrderView(assertVisible(viewerScope(user), await this.orders.findById(id), 'Order', id));
  }

  async identityRefusals(orderId: string): Promise<IdentityRefusalEntity[]> {
    if (!(await this.orders.findById(orderId))) throw new NotFoundProblem('Order', orderId);
    return this.refusalRecords.listForOrder(orderId);
  }

  receiveApheresis(user: AuthUser, id: string, dto: ApheresisReceiptDto): Promise<OrderView> {
    const now = this.clock.now();
    const collectedAt = new Date(dto.collectedAt);
    assertCollectedNotInFuture(collectedAt, now);
    return this.refusals.guard(() =>
      this.uow.run(async (tx) => {
        const order = await this.orders.findByIdForUpdate(tx, id);
        if (!order) throw new NotFoundProblem('Order', id);
        assertCoiMatches({
          expectedCoi: order.coi,
          scannedCoi: dto.scannedCoi,
          orderId: order.id,
          batchId: null,
          context: 'apheresis-receipt',
          user,
        });
        assertAwaitingApheresis(order);
        const product = requireProduct(order.productCode);
        const before = apheresisFields(order);
        Object.assign(order, {
          state: 'apheresis-received',
          apheresisBagId: dto.bagId,
          apheresisCollectedAt: collectedAt,
          apheresisReceivedAt: now,
          apheresisReceivedById: user.id,
          apheresisReceivedByName: user.name,
          apheresisHoldTimeHours: product.apheresisHoldTimeHours,
        } satisfies Partial<OrderEntity>);
        await this.orders.save(tx, order);
        await this.outbox.append(
          tx,
          ApheresisReceivedV1,
          {
            orderId: order.id,
            coi: order.coi,
            clinicId: order.clinicId,
            bagId: dto.bagId,
            collectedAt: collectedAt.toISOString(),
            receivedAt: now.toISOString(),
            holdTimeHours: product.apheresisHoldTimeHours,
            receivedBy: user.username,
          },
          { subject: order.id, correlationId: order.id },
        );
        await this.audit.change(tx, { entity: 'order', id: order.id, actor: user, before: before, after: apheresisFields(order) });
        return toOrderView(order);
      }),
    );
  }
}

/** The part of an order that apheresis receipt changes: its audit entry's old and new value. */
function apheresisFields(order: OrderEntity) {
  const {
    state,
    apheresisBagId,
    apheresisCollectedAt,
    apheresisReceivedAt,
    apheresisReceivedById,
    apheresisReceivedByName,
    apheresisHoldTimeHours,
  } = order;
  return {
    state,
    apheresisBagId,
    apheresisCollectedAt,
    apheresisReceivedAt,
    apheresisReceivedById,
    apheresisReceivedByName,
    apheresisHoldTimeHours,
  };
}
