import { Inject, Injectable, LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ApheresisHoldExpiredV1,
  ApheresisHoldStartedV1,
  ApheresisHoldWarningV1,
  ApheresisReceivedV1,
  BatchStartedV1,
  EventData,
  EventEnvelope,
} from '@mes/contracts';
import { APP_LOGGER, Clock, NotFoundProblem, OutboxWriter, TimerService, AuditTrail } from '@mes/platform';
import { AuditEntities, SYSTEM_ACTOR, actorNamed } from '../inventory-audit';
import { ApheresisUnitEntity } from './apheresis-unit.entity';
import { ApheresisRepository } from './apheresis.repository';
import { holdIsOver, holdSchedule, hoursLeft } from './apheresis-hold.rules';
import { ApheresisHoldExpiryTimer, ApheresisHoldWarningTimer } from './apheresis-timers';
import { InventoryAuditEntity } from '../inventory-audit';

type Received = EventEnvelope<EventData<typeof ApheresisReceivedV1>>;
type BatchStarted = EventEnvelope<EventData<typeof BatchStartedV1>>;

/** The apheresis hold-time clock: started at receipt, stopped when manufacturing starts, warns and then expires. */
@Injectable()
export class ApheresisService {
  constructor(
    private readonly units: ApheresisRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly audit: AuditTrail<InventoryAuditEntity>,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  async startHold(tx: EntityManager, event: Received): Promise<void> {
    const d = event.data;
    const collectedAt = new Date(d.collectedAt);
    const { holdUntil, warnAt } = holdSchedule(collectedAt, d.holdTimeHours);
    await this.units.lockOrder(tx, d.orderId);
    const started = await this.units.findBatchStart(tx, d.orderId);
    const unit = Object.assign(new ApheresisUnitEntity(), {
      orderId: d.orderId,
      coi: d.coi,
      clinicId: d.clinicId,
      bagId: d.bagId,
      collectedAt,
      receivedAt: new Date(d.receivedAt),
      receivedBy: d.receivedBy,
      holdTimeHours: d.holdTimeHours,
      holdUntil,
      warnAt,
      state: started ? 'in-process' : 'on-hold',
      warnedAt: null,
      expiredAt: null,
      batchId: started?.batchId ?? null,
      manufacturingStartedAt: started?.startedAt ?? null,
    } satisfies ApheresisUnitEntity);
    if (!(await this.units.insert(tx, unit))) {
      this.logger.warn(
        { msg: 'apheresis already received for order; ignored', orderId: d.orderId, eventId: event.eventId },
        'ApheresisService',
      );
      return;
    }
    const ctx = { subject: d.orderId, correlationId: event.correlationId, causationId: event.eventId };
    await this.outbox.append(
      tx,
      ApheresisHoldStartedV1,
      { orderId: d.orderId, coi: d.coi, bagId: d.bagId, collectedAt: collectedAt.toISOString(), holdUntil: holdUntil.toISOString() },
      ctx,
    );
    if (!started) {
      const payload = { correlationId: event.correlationId };
      // A warning already due (late receipt) is scheduled in the past so it fires at once; one after the end is pointless.
      if (!holdIsOver(holdUntil, this.clock.now())) {
        await this.timers.schedule(tx, ApheresisHoldWarningTimer, { subjectId: d.orderId, dueAt: warnAt, payload });
      }
      await this.timers.schedule(tx, ApheresisHoldExpiryTimer, { subjectId: d.orderId, dueAt: holdUntil, payload });
    }
    await this.audit.change(tx, { entity: AuditEntities.apheresisUnit, id: d.orderId, actor: actorNamed(d.receivedBy), after: unit });
  }

  async markInProcess(tx: EntityManager, event: BatchStarted): Promise<void> {
    const { orderId, batchId } = event.data;
    const startedAt = new Date(event.data.startedAt);
    await this.units.lockOrder(tx, orderId);
    await this.units.recordBatchStart(tx, { orderId, batchId, startedAt });
    // Timers before the unit row: a firing timer holds its timer row and then waits for the unit, never the reverse.
    await this.timers.cancel(tx, ApheresisHoldWarningTimer, orderId, 'manufacturing started');
    await this.timers.cancel(tx, ApheresisHoldExpiryTimer, orderId, 'manufacturing started');
    const unit = await this.units.findForUpdate(tx, orderId);
    if (!unit || unit.batchId) return;
    const before = { ...unit };
    if (unit.state === 'expired') {
      this.logger.warn({ msg: 'batch started on an expired apheresis unit', orderId, batchId }, 'ApheresisService');
    } else {
      unit.state = 'in-process';
    }
    Object.assign(unit, { batchId, manufacturingStartedAt: startedAt });
    await this.units.save(tx, unit);
    await this.audit.change(tx, {
      entity: AuditEntities.apheresisUnit,
      id: orderId,
      actor: actorNamed(event.data.startedBy),
      before: before,
      after: unit,
      reason: `manufacturing started in batch ${batchId}`,
    });
  }

  async warn(tx: EntityManager, orderId: string, correlationId?: string): Promise<void> {
    const unit = await this.units.findForUpdate(tx, orderId);
    if (!unit || unit.state !== 'on-hold') return;
    const now = this.clock.now();
    const before = { ...unit };
    unit.warnedAt = now;
    await this.units.save(tx, unit);
    await this.outbox.append(
      tx,
      ApheresisHoldWarningV1,
      { orderId, coi: unit.coi, bagId: unit.bagId, holdUntil: unit.holdUntil.toISOString(), hoursLeft: hoursLeft(unit.holdUntil, now) },
      { subject: orderId, correlationId },
    );
    await this.audit.change(tx, {
      entity: AuditEntities.apheresisUnit,
      id: orderId,
      actor: SYSTEM_ACTOR,
      before: before,
      after: unit,
      reason: 'hold time about to run out',
    });
  }

  async expire(tx: EntityManager, orderId: string, correlationId?: string): Promise<void> {
    // The warning timer is not cancelled here (opposite lock order to markInProcess); it finds the unit expired and does nothing.
    const unit = await this.units.findForUpdate(tx, orderId);
    if (!unit || unit.state !== 'on-hold') return;
    const before = { ...unit };
    Object.assign(unit, { state: 'expired', expiredAt: this.clock.now() });
    await this.units.save(tx, unit);
    await this.outbox.append(
      tx,
      ApheresisHoldExpiredV1,
      { orderId, coi: unit.coi, bagId: unit.bagId, holdUntil: unit.holdUntil.toISOString() },
      { subject: orderId, correlationId },
    );
    await this.audit.change(tx, {
      entity: AuditEntities.apheresisUnit,
      id: orderId,
      actor: SYSTEM_ACTOR,
      before: before,
      after: unit,
      reason: 'hold time over before manufacturing started',
    });
  }

  async get(orderId: string) {
    const unit = await this.units.findByOrder(orderId);
    if (!unit) throw new NotFoundProblem('Apheresis unit for order', orderId);
    const now = this.clock.now();
    return { ...unit, hoursLeft: unit.state === 'on-hold' ? hoursLeft(unit.holdUntil, now) : null };
  }
}
