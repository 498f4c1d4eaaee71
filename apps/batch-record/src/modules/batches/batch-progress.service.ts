import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchCompletedV1 } from '@mes/contracts';
import { Clock, OutboxWriter, AuditTrail } from '@mes/platform';
import { Actor } from '../deviations/deviation.service';
import { BatchEntity, BatchState, BatchStepEntity } from './batch.entity';
import { BatchRepository } from './batch.repository';
import { allDone, awaitsDecision } from './rules/step-states';
import { BatchRecordAuditEntity } from '../../audit-entities';

/** Set by the system when an action-limit excursion needs a supervisor decision; a hold people set by hand has their own reason. */
export const DECISION_HOLD_PREFIX = 'Awaiting supervisor decision';

/** Batch-level consequences of step changes: on hold for decisions, complete when every step is done. Runs in the caller's transaction. */
@Injectable()
export class BatchProgressService {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly batches: BatchRepository,
  ) {}

  async holdForDecision(
    tx: EntityManager,
    batch: BatchEntity,
    step: BatchStepEntity,
    deviationNumber: string,
    actor: Actor,
  ): Promise<void> {
    if (batch.state === 'on-hold') return; // already held (a manual hold stays manual: it needs a signed resume)
    await this.setState(tx, batch, 'on-hold', `${DECISION_HOLD_PREFIX} on step ${step.code} (${deviationNumber})`, actor, undefined, {
      holdKind: 'decision',
      completedAt: null,
    });
  }

  /** Lifts the automatic hold once no step awaits a decision; a hold someone placed by hand stays until they resume it. */
  async releaseDecisionHold(tx: EntityManager, batch: BatchEntity, steps: BatchStepEntity[], actor: Actor): Promise<void> {
    if (batch.state !== 'on-hold' || batch.holdKind !== 'decision' || steps.some(awaitsDecision)) return;
    await this.setState(tx, batch, runningState(steps), null, actor, 'supervisor decision recorded', { holdKind: null });
  }

  /** Completes the batch when every step is done; reopens it when a correction makes a step need verification again. */
  async settle(tx: EntityManager, batch: BatchEntity, steps: BatchStepEntity[], actor: Actor): Promise<void> {
    const done = allDone(steps);
    if (done && (batch.state === 'in-progress' || batch.state === 'created')) {
      const now = this.clock.now();
      await this.setState(tx, batch, 'complete', null, actor, 'every step done', { completedAt: now });
      await this.outbox.append(
        tx,
        BatchCompletedV1,
        { batchId: batch.id, orderId: batch.orderId, coi: batch.coi, clinicId: batch.clinicId, completedAt: now.toISOString() },
        { subject: batch.id, correlationId: batch.orderId },
      );
    } else if (!done && batch.state === 'complete') {
      await this.setState(tx, batch, 'in-progress', null, actor, 'a correction requires a step to be signed again', { completedAt: null });
    }
  }

  /** Changes the batch state (and any other batch fields given) with one audit entry holding the values before and after. */
  async setState(
    tx: EntityManager,
    batch: BatchEntity,
    state: BatchState,
    holdReason: string | null,
    actor: Actor,
    reason?: string,
    changes: Partial<BatchEntity> = {},
  ): Promise<void> {
    const before = {
      state: batch.state,
      holdReason: batch.holdReason,
      completedAt: batch.completedAt,
      ...pick(batch, Object.keys(changes)),
    };
    Object.assign(batch, changes);
    batch.state = state;
    batch.holdReason = holdReason;
    await this.batches.saveBatch(tx, batch);
    await this.audit.change(tx, {
      entity: 'batch',
      id: batch.id,
      actor,
      before: before,
      after: { state: batch.state, holdReason: batch.holdReason, completedAt: batch.completedAt, ...pick(batch, Object.keys(changes)) },
      reason: reason ?? holdReason ?? undefined,
    });
  }
}

/** The state a batch returns to from a hold. */
export function runningState(steps: readonly BatchStepEntity[]): BatchState {
  return steps.some((s) => s.state !== 'pending') ? 'in-progress' : 'created';
}

function pick(batch: BatchEntity, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (batch as unknown as Record<string, unknown>)[k]]));
}
