import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeviationChangedV1 } from '@mes/contracts';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  OutboxWriter,
  RuleViolationProblem,
  UnitOfWork,
  ValidationProblem,
  SignatureInput,
  contentHash,
  AuditTrail,
} from '@mes/platform';
import { BatchLock } from '../batch-lock/batch-lock';
import { BatchEntity } from '../batches/batch.entity';
import { SignatureService } from '../signatures/signature.service';
import { SignatureView } from '../signatures/signature-content';
import { DeviationClassification, DeviationEntity, DeviationSource } from './deviation.entity';
import { DeviationRepository } from './deviation.repository';
import { BatchRecordAuditEntity } from '../../audit-entities';

/** Who opens a deviation: a person, or the system itself (a missed timing window). */
export interface Actor {
  id: string;
  name: string;
  username: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'MES (timer)', username: 'system' };

export interface OpenDeviation {
  stepCode: string | null;
  source: DeviationSource;
  classification: DeviationClassification;
  title: string;
  description: string;
}

export interface DeviationView {
  id: string;
  number: string;
  batchId: string;
  stepCode: string | null;
  source: DeviationSource;
  classification: DeviationClassification;
  state: 'open' | 'closed';
  title: string;
  description: string;
  impact: string | null;
  actions: string | null;
  openedAt: string;
  openedBy: { id: string; name: string };
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  signatures: SignatureView[];
}

/** The content QA's closure signature covers: change any of it later and the signature shows as invalid. */
export const deviationSignedContent = (d: DeviationEntity) => ({
  deviationId: d.id,
  number: d.number,
  batchId: d.batchId,
  stepCode: d.stepCode,
  classification: d.classification,
  title: d.title,
  description: d.description,
  impact: d.impact,
  actions: d.actions,
});

@Injectable()
export class DeviationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly outbox: OutboxWriter,
    private readonly deviations: DeviationRepository,
    private readonly signatures: SignatureService,
    private readonly batchLock: BatchLock,
  ) {}

  /** Opens a deviation inside the caller's transaction; the caller holds the batch row lock. */
  async open(tx: EntityManager, batch: BatchEntity, input: OpenDeviation, actor: Actor): Promise<DeviationEntity> {
    const now = this.clock.now();
    const deviation: DeviationEntity = {
      id: randomUUID(),
      number: await this.deviations.nextNumber(tx, now.getUTCFullYear()),
      batchId: batch.id,
      stepCode: input.stepCode,
      source: input.source,
      classification: input.classification,
      state: 'open',
      title: input.title,
      description: input.description,
      impact: null,
      actions: null,
      openedAt: now,
      openedById: actor.id,
      openedByName: actor.name,
      closedAt: null,
      closedById: null,
      closedByName: null,
    };
    await this.deviations.insert(tx, deviation);
    await this.announce(tx, batch, deviation, actor);
    await this.audit.change(tx, { entity: 'deviation', id: deviation.id, actor, after: deviation });
    return deviation;
  }

  openManual(user: AuthUser, batchId: string, input: Omit<OpenDeviation, 'source'>): Promise<DeviationView> {
    return this.uow.run(async (tx) => {
      const { batch, steps } = await this.batchLock.lockWithSteps(tx, batchId);
      if (input.stepCode && !steps.some((s) => s.code === input.stepCode)) {
        throw new RuleViolationProblem('unknown-step', `Batch ${batch.lotNumber} has no step ${input.stepCode}`, [
          { field: 'stepCode', reason: 'is not a step of this batch' },
        ]);
      }
      const deviation = await this.open(tx, batch, { ...input, source: 'manual' }, user);
      return this.view(deviation, tx);
    });
  }

  /** Investigation: classification (with a reason when it changes), impact assessment and actions; a closed deviation is final. */
  async update(
    user: AuthUser,
    token: string,
    id: string,
    change: { classification?: DeviationClassification; impact?: string; actions?: string; reason: string; signature?: SignatureInput },
  ): Promise<DeviationView> {
    const signed = change.signature ? await this.signatures.verify(token, change.signature) : null;
    return this.uow.run(async (tx) => {
      const { deviation, batch } = await this.lockForChange(tx, id);
      if (deviation.state === 'closed')
        throw new ConflictProblem('deviation-closed', `Deviation ${deviation.number} is closed and cannot change`);
      const reclassified = change.classification !== undefined && change.classification !== deviation.classification;
      // Classification decides what blocks review and release: only QA sets it, and lowering a critical one is a signed QA decision.
      if (reclassified && !user.roles.includes('qa')) {
        throw new RuleViolationProblem('classification-qa-only', 'Only QA may change the classification of a deviation', [
          { field: 'classification', reason: 'QA only' },
        ]);
      }
      if (reclassified && deviation.classification === 'critical') {
        if (!signed) throw new ValidationProblem([{ field: 'signature', reason: 'is required to lower a critical deviation' }]);
        await this.signatures.record(tx, signed, {
          signer: user,
          subjectType: 'deviation',
          subjectId: deviation.id,
          batchId: batch.id,
          meaning: 'approved',
          content: { ...deviationSignedContent(deviation), reclassifiedTo: change.classification, reason: change.reason },
          comment: change.reason,
        });
      }
      const before = { classification: deviation.classification, impact: deviation.impact, actions: deviation.actions };
      Object.assign(deviation, {
        classification: change.classification ?? deviation.classification,
        impact: change.impact ?? deviation.impact,
        actions: change.actions ?? deviation.actions,
      });
      await this.deviations.save(tx, deviation);
      await this.announce(tx, batch, deviation, user);
      await this.audit.change(tx, {
        entity: 'deviation',
        id: deviation.id,
        actor: user,
        before: before,
        after: { classification: deviation.classification, impact: deviation.impact, actions: deviation.actions },
        reason: change.reason,
      });
      return this.view(deviation, tx);
    });
  }

  /** QA closure: impact and actions must be documented; the closure is an electronic signature over the deviation's content. */
  async close(user: AuthUser, token: string, id: string, signature: SignatureInput, comment: string | null): Promise<DeviationView> {
    const signed = await this.signatures.verify(token, signature);
    return this.uow.run(async (tx) => {
      const { deviation, batch } = await this.lockForChange(tx, id);
      if (deviation.state === 'closed') throw new ConflictProblem('deviation-closed', `Deviation ${deviation.number} is already closed`);
      const missing = (['impact', 'actions'] as const).filter((f) => !deviation[f]?.trim());
      if (missing.length) {
        throw new RuleViolationProblem(
          'deviation-incomplete',
          `Deviation ${deviation.number} cannot be closed before its ${missing.join(' and ')} are documented`,
          missing.map((field) => ({ field, reason: 'must be documented before closure' })),
        );
      }
      await this.signatures.record(tx, signed, {
        signer: user,
        subjectType: 'deviation',
        subjectId: deviation.id,
        batchId: batch.id,
        meaning: 'closed',
        content: deviationSignedContent(deviation),
        comment,
      });
      const now = this.clock.now();
      Object.assign(deviation, { state: 'closed', closedAt: now, closedById: user.id, closedByName: user.name });
      await this.deviations.save(tx, deviation);
      await this.announce(tx, batch, deviation, user);
      await this.audit.change(tx, {
        entity: 'deviation',
        id: deviation.id,
        actor: user,
        before: { state: 'open' },
        after: { state: 'closed', closedAt: now },
        reason: comment ?? 'closed by QA',
      });
      return this.view(deviation, tx);
    });
  }

  async get(id: string): Promise<DeviationView> {
    const deviation = await this.deviations.findById(id);
    if (!deviation) throw new NotFoundProblem('Deviation', id);
    return this.view(deviation);
  }

  async forBatch(batchId: string, tx?: EntityManager): Promise<DeviationView[]> {
    const rows = await this.deviations.forBatch(batchId, tx);
    const signatures = await this.signatures.forSubjects(
      rows.map((d) => d.id),
      tx,
    );
    return rows.map((d) =>
      toView(
        d,
        signatures.filter((s) => s.subjectId === d.id).map((s) => this.signatures.view(s, expectedHash(s, d))),
      ),
    );
  }

  async list(filter: { state?: 'open' | 'closed'; classification?: string }): Promise<DeviationView[]> {
    const rows = await this.deviations.list(filter, 500);
    return rows.map((d) => toView(d, []));
  }

  private async view(d: DeviationEntity, tx?: EntityManager): Promise<DeviationView> {
    const signatures = await this.signatures.forSubjects([d.id], tx);
    return toView(
      d,
      signatures.map((s) => this.signatures.view(s, expectedHash(s, d))),
    );
  }

  private async announce(tx: EntityManager, batch: BatchEntity, d: DeviationEntity, actor: Actor): Promise<void> {
    await this.outbox.append(
      tx,
      DeviationChangedV1,
      {
        deviationId: d.id,
        number: d.number,
        batchId: batch.id,
        orderId: batch.orderId,
        coi: batch.coi,
        clinicId: batch.clinicId,
        stepCode: d.stepCode,
        classification: d.classification,
        source: d.source,
        state: d.state,
        title: d.title,
        changedAt: this.clock.now().toISOString(),
        changedBy: actor.username,
      },
      { subject: batch.id, correlationId: batch.orderId },
    );
  }

  /** Batch row first, then the deviation (re-read under the lock): the same lock order as step execution. */
  private async lockForChange(tx: EntityManager, id: string): Promise<{ deviation: DeviationEntity; batch: BatchEntity }> {
    const found = await this.deviations.findById(id, tx);
    if (!found) throw new NotFoundProblem('Deviation', id);
    const batch = await this.batchLock.lock(tx, found.batchId);
    const deviation = (await this.deviations.findByIdForUpdate(tx, id))!;
    return { deviation, batch };
  }
}

/**
 * The closure must still match the deviation as it is; a reclassification signature records a decision at that
 * moment (the content changed by design), so it is checked against what it stored.
 */
function expectedHash(s: { meaning: string; content: unknown }, d: DeviationEntity): string {
  return s.meaning === 'closed' ? contentHash(deviationSignedContent(d)) : contentHash(s.content);
}

function toView(d: DeviationEntity, signatures: SignatureView[]): DeviationView {
  return {
    id: d.id,
    number: d.number,
    batchId: d.batchId,
    stepCode: d.stepCode,
    source: d.source,
    classification: d.classification,
    state: d.state,
    title: d.title,
    description: d.description,
    impact: d.impact,
    actions: d.actions,
    openedAt: d.openedAt.toISOString(),
    openedBy: { id: d.openedById, name: d.openedByName },
    closedAt: d.closedAt?.toISOString() ?? null,
    closedBy: d.closedById ? { id: d.closedById, name: d.closedByName ?? '' } : null,
    signatures,
  };
}
