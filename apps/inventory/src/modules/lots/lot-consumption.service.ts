import { randomUUID } from 'node:crypto';
import { Inject, Injectable, LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LotMisuseDetectedV1, LotQuantityChangedV1, StepAction } from '@mes/contracts';
import { APP_LOGGER, Clock, OutboxWriter } from '@mes/platform';
import { AuditEntities, actorNamed, InventoryAuditEntry } from '../inventory-audit';
import { LotConsumptionEntity } from './lot-consumption.entity';
import { StepCompleted } from './lot-clocks.service';
import { LotRepository } from './lot.repository';
import { consumptionOutcome } from './lot.rules';

export type ConsumeAction = Extract<StepAction, { kind: 'consume-material' }>;

/** Batch steps consume material: the lot's quantity goes down, and a lot that was not usable is reported. */
@Injectable()
export class LotConsumptionService {
  constructor(
    private readonly lots: LotRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  /**
   * Applies one consume-material action of a completed step and returns its audit entry for the caller to append
   * last (null when nothing was recorded). `actionIndex` makes the record unique per event and action.
   */
  async consume(tx: EntityManager, action: ConsumeAction, actionIndex: number, event: StepCompleted): Promise<InventoryAuditEntry | null> {
    const { batchId, stepCode, completedAt, completedBy } = event.data;
    const context = { subject: action.lotId, correlationId: event.correlationId, causationId: event.eventId };
    // Misuse is a fact about the batch: keyed by it, its sequence lets qc-release prove it saw every one.
    const misuseContext = { ...context, subject: batchId };
    const lot = await this.lots.findForUpdate(tx, action.lotId);
    if (!lot) {
      this.logger.error({ msg: 'unknown lot consumed', lotId: action.lotId, batchId, stepCode }, 'LotConsumptionService');
      await this.outbox.append(
        tx,
        LotMisuseDetectedV1,
        { lotId: action.lotId, materialCode: action.materialCode, batchId, stepCode, usedAt: completedAt, reason: 'unknown lot' },
        misuseContext,
      );
      return null;
    }
    const now = this.clock.now();
    const outcome = consumptionOutcome(lot, action, new Date(completedAt));
    const consumption = Object.assign(new LotConsumptionEntity(), {
      id: randomUUID(),
      lotId: lot.id,
      batchId,
      stepCode,
      quantity: action.quantity,
      unit: action.unit,
      quantityBefore: lot.quantity,
      quantityAfter: outcome.quantityAfter,
      misuseReason: outcome.misuse,
      consumedAt: new Date(completedAt),
      consumedBy: completedBy,
      recordedAt: now,
      sourceEventId: event.eventId,
      actionIndex,
    } satisfies LotConsumptionEntity);
    if (!(await this.lots.insertConsumption(tx, consumption))) {
      this.logger.warn(
        { msg: 'consumption already recorded; ignored', lotId: lot.id, eventId: event.eventId, actionIndex },
        'LotConsumptionService',
      );
      return null;
    }
    if (outcome.misuse) {
      // batch-record checks lots against its read model, which can lag ours: raise what slipped through.
      this.logger.error(
        { msg: 'unusable lot consumed', lotId: lot.id, batchId, stepCode, reason: outcome.misuse },
        'LotConsumptionService',
      );
      await this.outbox.append(
        tx,
        LotMisuseDetectedV1,
        { lotId: lot.id, materialCode: lot.materialCode, batchId, stepCode, usedAt: completedAt, reason: outcome.misuse },
        misuseContext,
      );
    }
    const before = lot.quantity;
    if (outcome.quantityAfter !== before) {
      lot.quantity = outcome.quantityAfter;
      await this.lots.save(tx, lot);
      await this.outbox.append(
        tx,
        LotQuantityChangedV1,
        {
          lotId: lot.id,
          materialCode: lot.materialCode,
          quantityRemaining: lot.quantity,
          unit: lot.unit,
          batchId,
          changedAt: now.toISOString(),
        },
        context,
      );
    }
    return {
      actor: actorNamed(completedBy),
      action: 'update',
      entity: AuditEntities.lot,
      entityId: lot.id,
      oldValue: { quantity: before },
      newValue: {
        quantity: lot.quantity,
        consumption: {
          id: consumption.id,
          batchId,
          stepCode,
          quantity: action.quantity,
          unit: action.unit,
          consumedAt: completedAt,
          misuseReason: outcome.misuse,
        },
      },
      reason: `consumed ${action.quantity} ${action.unit} in batch ${batchId} step ${stepCode}`,
    };
  }
}
