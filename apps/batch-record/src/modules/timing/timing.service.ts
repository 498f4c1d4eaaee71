import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TimingAlertV1 } from '@mes/contracts';
import { Clock, OutboxWriter, TimerService, AuditTrail } from '@mes/platform';
import { BatchRecordAuditEntity } from '../../audit-entities';
import { BatchLock } from '../batch-lock/batch-lock';
import { BatchEntity, BatchStepEntity } from '../batches/batch.entity';
import { findStep } from '../batches/rules/step-states';
import { TimingPlan, assertNotTooEarly, isLate } from '../batches/rules/timing';
import { DeviationService, SYSTEM_ACTOR, Actor } from '../deviations/deviation.service';
import { TimingRecordEntity } from './timing-record.entity';
import { TimingRecordRepository } from './timing-record.repository';
import { TimingDueTimer, TimingWarningTimer } from './timing-timers';

/**
 * Timing windows and hold times: rows in timing_record are the truth, platform timers wake us for the warning and
 * the deadline. A missed deadline opens a deviation and sends an alert; a late start or completion does the same.
 */
@Injectable()
export class TimingService {
  constructor(
    private readonly records: TimingRecordRepository,
    private readonly timers: TimerService,
    private readonly clock: Clock,
    private readonly outbox: OutboxWriter,
    private readonly deviations: DeviationService,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly batchLock: BatchLock,
  ) {}

  /** Records and arms the windows/holds that `completed`'s completion starts. */
  async open(tx: EntityManager, batch: BatchEntity, plans: TimingPlan[], actor: Actor): Promise<void> {
    for (const plan of plans) {
      const record: TimingRecordEntity = {
        id: randomUUID(),
        batchId: batch.id,
        ...plan,
        state: 'open',
        warnedAt: null,
        metAt: null,
        late: false,
        deviationId: null,
      };
      await this.records.insert(tx, record);
      await this.audit.change(tx, { entity: 'timing_record', id: record.id, actor, after: record });
      if (record.warnAt)
        await this.timers.schedule(tx, TimingWarningTimer, { subjectId: record.id, dueAt: record.warnAt, payload: { batchId: batch.id } });
      await this.timers.schedule(tx, TimingDueTimer, { subjectId: record.id, dueAt: record.dueAt, payload: { batchId: batch.id } });
    }
  }

  /** At a step's start: refuses it if a window has not opened yet; closes its windows, opening a deviation for a late start. */
  async stepStarting(tx: EntityManager, batch: BatchEntity, step: BatchStepEntity, actor: Actor): Promise<void> {
    const windows = await this.records.openFor(tx, batch.id, step.code, 'window');
    assertNotTooEarly(windows, step.code, this.clock.now());
    await this.meet(tx, batch, step, windows, actor);
  }

  /** At a step's completion: closes its holds, opening a deviation for a late completion. */
  async stepCompleting(tx: EntityManager, batch: BatchEntity, step: BatchStepEntity, actor: Actor): Promise<void> {
    await this.meet(tx, batch, step, await this.records.openFor(tx, batch.id, step.code, 'hold'), actor);
  }

  /** A skipped step cancels what was waiting for it (the skip itself is a deviation). */
  async stepSkipped(tx: EntityManager, batchId: string, stepCode: string, actor: Actor): Promise<void> {
    for (const record of await this.records.openFor(tx, batchId, stepCode)) {
      await this.records.cancel(tx, record.id);
      await this.audit.change(tx, {
        entity: 'timing_record',
        id: record.id,
        actor,
        before: { state: 'open' },
        after: { state: 'cancelled' },
        reason: 'step skipped',
      });
    }
  }

  forBatch(batchId: string, tx?: EntityManager): Promise<TimingRecordEntity[]> {
    return this.forBatches([batchId], tx);
  }

  forBatches(batchIds: string[], tx?: EntityManager): Promise<TimingRecordEntity[]> {
    return this.records.forBatches(batchIds, tx);
  }

  private async meet(
    tx: EntityManager,
    batch: BatchEntity,
    step: BatchStepEntity,
    records: TimingRecordEntity[],
    actor: Actor,
  ): Promise<void> {
    const now = this.clock.now();
    for (const record of records) {
      // The timers are left to fire: their handlers do nothing once the record is no longer open. Cancelling them here
      // would lock timer rows after the batch row, the reverse of a firing timer's order (deadlock).
      const late = isLate(record.dueAt, now);
      record.state = 'met';
      record.metAt = now;
      record.late = late;
      if (late && !record.deviationId) {
        const deviation = await this.deviations.open(tx, batch, missedDeviation(record, step.name, now), actor);
        record.deviationId = deviation.id;
      }
      await this.records.save(tx, record);
      await this.audit.change(tx, {
        entity: 'timing_record',
        id: record.id,
        actor,
        before: { state: 'open' },
        after: { state: record.state, metAt: now, late, deviationId: record.deviationId },
      });
    }
  }

  /** The warning timer of a record fired: note it and alert, unless the record was met meanwhile. */
  async warn(tx: EntityManager, recordId: string): Promise<void> {
    const found = await this.lockOpen(tx, recordId);
    if (!found) return;
    const { record, batch, step } = found;
    record.warnedAt = this.clock.now();
    await this.records.save(tx, record);
    await this.audit.change(tx, {
      entity: 'timing_record',
      id: record.id,
      actor: SYSTEM_ACTOR,
      before: { warnedAt: null },
      after: { warnedAt: record.warnedAt },
    });
    await this.alert(tx, batch, record, step, 'warning');
  }

  /** The deadline of a record passed while still open: a deviation and an alert. */
  async due(tx: EntityManager, recordId: string): Promise<void> {
    const found = await this.lockOpen(tx, recordId);
    if (!found) return;
    const { record, batch, step } = found;
    const now = this.clock.now();
    const deviation = await this.deviations.open(tx, batch, missedDeviation(record, step.name, now), SYSTEM_ACTOR);
    record.state = 'missed';
    record.deviationId = deviation.id;
    await this.records.save(tx, record);
    await this.audit.change(tx, {
      entity: 'timing_record',
      id: record.id,
      actor: SYSTEM_ACTOR,
      before: { state: 'open' },
      after: { state: 'missed', deviationId: deviation.id },
    });
    await this.alert(tx, batch, record, step, 'missed');
  }

  /** Batch row first (our lock order), then the record; nothing to do if the window was met meanwhile. */
  private async lockOpen(tx: EntityManager, recordId: string) {
    const peek = await this.records.findById(tx, recordId);
    if (!peek) return null;
    const locked = await this.batchLock.tryLockWithSteps(tx, peek.batchId);
    const record = await this.records.findById(tx, recordId);
    if (!locked || !record || record.state !== 'open') return null;
    return { record, batch: locked.batch, step: findStep(locked.steps, record.stepCode) };
  }

  private async alert(
    tx: EntityManager,
    batch: BatchEntity,
    record: TimingRecordEntity,
    step: BatchStepEntity,
    level: 'warning' | 'missed',
  ): Promise<void> {
    await this.outbox.append(
      tx,
      TimingAlertV1,
      {
        batchId: batch.id,
        orderId: batch.orderId,
        coi: batch.coi,
        clinicId: batch.clinicId,
        lotNumber: batch.lotNumber,
        constraintCode: record.code,
        constraintKind: record.kind,
        stepCode: step.code,
        stepName: step.name,
        level,
        dueAt: record.dueAt.toISOString(),
        raisedAt: this.clock.now().toISOString(),
        deviationId: record.deviationId,
      },
      { subject: batch.id, correlationId: batch.orderId },
    );
  }
}

function missedDeviation(record: TimingRecordEntity, stepName: string, now: Date) {
  const what = record.kind === 'window' ? `start of ${record.stepCode} (${stepName})` : `completion of ${record.stepCode} (${stepName})`;
  return {
    stepCode: record.stepCode,
    source: record.kind === 'window' ? ('missed-window' as const) : ('hold-time-exceeded' as const),
    classification: 'major' as const,
    title: `${record.kind === 'window' ? 'Timing window missed' : 'Hold time exceeded'}: ${record.code}`,
    description: `${record.description}. The ${what} was due by ${record.dueAt.toISOString()}; noted at ${now.toISOString()}.`,
  };
}
