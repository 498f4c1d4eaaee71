import { Inject, Injectable, LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventData, EventEnvelope, LotExpiredV1, LotMisuseDetectedV1, LotThawedV1, StepAction, StepCompletedV1 } from '@mes/contracts';
import { APP_LOGGER, Clock, OutboxWriter, TimerService, AuditTrail } from '@mes/platform';
import { AuditEntities, SYSTEM_ACTOR, actorNamed, InventoryAuditEntry } from '../inventory-audit';
import { ExpiryReason } from './lot.entity';
import { LotRepository } from './lot.repository';
import { canExpire, computeUseBy, misuseReason, thawDecision } from './lot.rules';
import { ThawedLotUseByTimer } from './lot-timers';
import { lotAuditFields } from './lot.view';
import { InventoryAuditEntity } from '../inventory-audit';

export type ThawAction = Extract<StepAction, { kind: 'thaw-material' }>;
export type StepCompleted = EventEnvelope<EventData<typeof StepCompletedV1>>;

/** The two clocks on a lot: shelf life from receipt, and use-by once a step thaws it. */
@Injectable()
export class LotClocksService {
  constructor(
    private readonly lots: LotRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: TimerService,
    private readonly audit: AuditTrail<InventoryAuditEntity>,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  /** Expires the lot if it is still in play; the caller's timer is marked fired in the same transaction. */
  async expire(tx: EntityManager, lotId: string, reason: ExpiryReason, correlationId?: string): Promise<void> {
    // The other clock is left pending: cancelling it here would lock timer rows in the opposite order to a
    // user's reject (deadlock); when it fires it finds the lot expired and does nothing.
    const lot = await this.lots.findForUpdate(tx, lotId);
    if (!lot || !canExpire(lot)) return;
    const expiredAt = reason === 'shelf-life' ? lot.expiresAt : lot.useBy;
    if (!expiredAt) return;
    const now = this.clock.now();
    const before = lotAuditFields(lot);
    Object.assign(lot, {
      status: 'expired',
      statusReason: reason,
      statusChangedAt: now,
      statusChangedBy: SYSTEM_ACTOR.id,
      expiredAt,
      expiryReason: reason,
    });
    await this.lots.save(tx, lot);
    await this.outbox.append(
      tx,
      LotExpiredV1,
      { lotId, materialCode: lot.materialCode, reason, expiredAt: expiredAt.toISOString() },
      { subject: lotId, correlationId },
    );
    await this.audit.change(tx, {
      entity: AuditEntities.lot,
      id: lotId,
      actor: SYSTEM_ACTOR,
      before: before,
      after: lotAuditFields(lot),
      reason,
    });
  }

  /**
   * Starts the use-by clock of a lot the completed step thawed, and returns its audit entry for the caller to append
   * last (null when nothing changed).
   */
  async recordThaw(tx: EntityManager, action: ThawAction, event: StepCompleted): Promise<InventoryAuditEntry | null> {
    const { batchId, stepCode, completedAt, completedBy } = event.data;
    const lot = await this.lots.findForUpdate(tx, action.lotId);
    // batch-record checks lots against its read model, which can lag ours: re-check here, and raise it if it slipped through.
    const misuse = misuseReason(lot, action.materialCode, new Date(completedAt));
    if (misuse) {
      this.logger.error({ msg: 'unusable lot consumed', lotId: action.lotId, batchId, stepCode, reason: misuse }, 'LotClocksService');
      await this.outbox.append(
        tx,
        LotMisuseDetectedV1,
        {
          lotId: action.lotId,
          materialCode: lot?.materialCode ?? action.materialCode,
          batchId,
          stepCode,
          usedAt: completedAt,
          reason: misuse,
        },
        // Keyed by the batch, like every misuse, so qc-release can prove it saw each one.
        { subject: batchId, correlationId: event.correlationId, causationId: event.eventId },
      );
    }
    const decision = lot ? thawDecision(lot) : 'unknown-lot';
    if (!lot || decision !== 'record') {
      this.logger.warn(
        { msg: 'thaw not recorded', lotId: action.lotId, batchId, stepCode, decision, eventId: event.eventId },
        'LotClocksService',
      );
      return null;
    }
    if (lot.materialCode !== action.materialCode) {
      this.logger.warn(
        {
          msg: 'thawed material code differs from the lot',
          lotId: lot.id,
          lotMaterial: lot.materialCode,
          stepMaterial: action.materialCode,
        },
        'LotClocksService',
      );
    }
    const before = lotAuditFields(lot);
    const thawedAt = new Date(completedAt);
    const useBy = computeUseBy(thawedAt, action.useByHours);
    Object.assign(lot, { thawedAt, useBy, thawedBatchId: batchId });
    await this.lots.save(tx, lot);
    await this.outbox.append(
      tx,
      LotThawedV1,
      { lotId: lot.id, materialCode: lot.materialCode, batchId, thawedAt: thawedAt.toISOString(), useBy: useBy.toISOString() },
      { subject: lot.id, correlationId: event.correlationId, causationId: event.eventId },
    );
    await this.timers.schedule(tx, ThawedLotUseByTimer, {
      subjectId: lot.id,
      dueAt: useBy,
      payload: { correlationId: event.correlationId },
    });
    return {
      actor: actorNamed(completedBy),
      action: 'update',
      entity: AuditEntities.lot,
      entityId: lot.id,
      oldValue: before,
      newValue: lotAuditFields(lot),
      reason: `thawed in batch ${batchId} step ${stepCode}; use by ${useBy.toISOString()}`,
    };
  }
}
