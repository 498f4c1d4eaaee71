import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LotReceivedV1, LotStatusChangedV1 } from '@mes/contracts';
import { AuthUser, Clock, OutboxWriter, TimerService, UnitOfWork, AuditTrail } from '@mes/platform';
import { AuditEntities, AuditHistoryRepository } from '../inventory-audit';
import { ReceiveLotDto } from './dto/receive-lot.dto';
import { ListLotsQuery } from './dto/list-lots.query';
import { LotEntity, LotStatus } from './lot.entity';
import { LotRepository } from './lot.repository';
import { assertReceivable, rejectTransition, releaseTransition } from './lot.rules';
import { LotShelfLifeTimer, ThawedLotUseByTimer } from './lot-timers';
import { LotView, legacyAuditEntry, lotAuditFields, lotReceivedData, toConsumptionView, toLotView } from './lot.view';
import { LotErrors } from './lots.errors';
import { InventoryAuditEntity } from '../inventory-audit';

/** Receiving a lot and the materials/QA decisions on it; each change and its event commit together. */
@Injectable()
export class LotsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lots: LotRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly audit: AuditTrail<InventoryAuditEntity>,
    private readonly history: AuditHistoryRepository,
    private readonly clock: Clock,
  ) {}

  async receive(input: ReceiveLotDto, user: AuthUser): Promise<LotView> {
    const now = this.clock.now();
    const expiresAt = new Date(input.expiresAt);
    assertReceivable(expiresAt, now);
    const lot = newLot(input, expiresAt, user.username, now);
    await this.uow.run(async (tx) => {
      await this.lots.insert(tx, lot);
      await this.outbox.append(tx, LotReceivedV1, lotReceivedData(lot), { subject: lot.id });
      await this.timers.schedule(tx, LotShelfLifeTimer, { subjectId: lot.id, dueAt: expiresAt });
      await this.audit.change(tx, { entity: AuditEntities.lot, id: lot.id, actor: user, after: lotAuditFields(lot) });
    });
    return toLotView(lot, now);
  }

  release(id: string, reason: string | null, user: AuthUser): Promise<LotView> {
    return this.uow.run(async (tx) => {
      const lot = await this.lockLot(tx, id);
      const now = this.clock.now();
      return this.changeStatus(tx, lot, releaseTransition(lot, now), reason, user, now);
    });
  }

  reject(id: string, reason: string, user: AuthUser): Promise<LotView> {
    return this.uow.run(async (tx) => {
      // Timers before the lot row: a firing timer holds its timer row and then waits for the lot, never the reverse.
      await this.timers.cancel(tx, LotShelfLifeTimer, id, 'lot rejected');
      await this.timers.cancel(tx, ThawedLotUseByTimer, id, 'lot rejected');
      const lot = await this.lockLot(tx, id);
      return this.changeStatus(tx, lot, rejectTransition(lot), reason, user, this.clock.now());
    });
  }

  async get(id: string): Promise<LotView> {
    const lot = await this.lots.findById(id);
    if (!lot) throw LotErrors.notFound(id);
    return toLotView(lot, this.clock.now());
  }

  async list(query: ListLotsQuery): Promise<LotView[]> {
    const now = this.clock.now();
    return (await this.lots.list(query)).map((lot) => toLotView(lot, now));
  }

  /** The lot's history: entries from the old lot_audit table first (older), then the hash-chained platform trail. */
  async auditTrail(id: string) {
    if (!(await this.lots.findById(id))) throw LotErrors.notFound(id);
    const [legacy, entries] = await Promise.all([this.lots.legacyAuditTrail(id), this.history.forEntity(AuditEntities.lot, id)]);
    return [...legacy.map(legacyAuditEntry), ...entries];
  }

  async consumptions(id: string) {
    if (!(await this.lots.findById(id))) throw LotErrors.notFound(id);
    return (await this.lots.consumptions(id)).map(toConsumptionView);
  }

  private async lockLot(tx: EntityManager, id: string): Promise<LotEntity> {
    const lot = await this.lots.findForUpdate(tx, id);
    if (!lot) throw LotErrors.notFound(id);
    return lot;
  }

  private async changeStatus(
    tx: EntityManager,
    lot: LotEntity,
    to: LotStatus,
    reason: string | null,
    user: AuthUser,
    now: Date,
  ): Promise<LotView> {
    if (to === 'expired') throw new Error('expiry is decided by the clocks, not by a user');
    const before = lotAuditFields(lot);
    Object.assign(lot, { status: to, statusReason: reason, statusChangedAt: now, statusChangedBy: user.username });
    await this.lots.save(tx, lot);
    await this.outbox.append(
      tx,
      LotStatusChangedV1,
      { lotId: lot.id, materialCode: lot.materialCode, status: to, reason, changedBy: user.username },
      { subject: lot.id },
    );
    await this.audit.change(tx, { entity: AuditEntities.lot, id: lot.id, actor: user, before: before, after: lotAuditFields(lot), reason });
    return toLotView(lot, now);
  }
}

export function newLot(
  input: Omit<ReceiveLotDto, 'expiresAt'>,
  expiresAt: Date,
  actor: string,
  now: Date,
  id: string = randomUUID(),
): LotEntity {
  return Object.assign(new LotEntity(), {
    id,
    materialCode: input.materialCode,
    supplierLot: input.supplierLot,
    quantity: input.quantity,
    unit: input.unit,
    status: input.status,
    statusReason: null,
    statusChangedAt: now,
    statusChangedBy: actor,
    expiresAt,
    receivedAt: now,
    receivedBy: actor,
    thawedAt: null,
    useBy: null,
    thawedBatchId: null,
    expiredAt: null,
    expiryReason: null,
  });
}
