import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchReviewedV1 } from '@mes/contracts';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  OutboxWriter,
  RuleViolationProblem,
  UnitOfWork,
  SignatureInput,
  contentHash,
  AuditTrail,
} from '@mes/platform';
import { BatchLock } from '../batch-lock/batch-lock';
import { BatchEntity } from '../batches/batch.entity';
import { BatchProgressService } from '../batches/batch-progress.service';
import { BatchRepository } from '../batches/batch.repository';
import { BatchViewService } from '../batches/batch-view.service';
import { BatchView } from '../batches/dto/batch.view';
import { IdentityRefusalRepository } from '../chain-of-identity/identity-refusal.repository';
import { DeviationRepository } from '../deviations/deviation.repository';
import { MaterialRefusalRepository } from '../materials/material-refusal.repository';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { ReviewExceptions, ReviewFacts, reviewExceptions } from './review-exceptions';
import { BatchRecordAuditEntity } from '../../audit-entities';

export interface ReviewView extends ReviewExceptions {
  batch: {
    id: string;
    lotNumber: string;
    coi: string;
    state: string;
    mbr: string;
    completedAt: string | null;
    reviewedAt: string | null;
    reviewedBy: string | null;
  };
  canComplete: boolean;
}

/** QA review by exception: start (complete → under review), the exceptions view, and completion with a signature (→ reviewed). */
@Injectable()
export class ReviewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly outbox: OutboxWriter,
    private readonly batches: BatchRepository,
    private readonly batchLock: BatchLock,
    private readonly deviations: DeviationRepository,
    private readonly refusals: IdentityRefusalRepository,
    private readonly materialRefusals: MaterialRefusalRepository,
    private readonly timing: TimingService,
    private readonly signatures: SignatureService,
    private readonly views: BatchViewService,
    private readonly progress: BatchProgressService,
  ) {}

  async exceptions(batchId: string, tx?: EntityManager): Promise<ReviewView> {
    const batch = await this.batches.findById(batchId, tx);
    if (!batch) throw new NotFoundProblem('Batch', batchId);
    const facts = await this.facts(batch, tx);
    const result = reviewExceptions(facts);
    const canComplete = batch.state === 'under-review' && result.blockers.length === 0;
    return {
      batch: {
        id: batch.id,
        lotNumber: batch.lotNumber,
        coi: batch.coi,
        state: batch.state,
        mbr: `${batch.mbrCode} v${batch.mbrVersion}`,
        completedAt: batch.completedAt?.toISOString() ?? null,
        reviewedAt: batch.reviewedAt?.toISOString() ?? null,
        reviewedBy: batch.reviewedByName,
      },
      canComplete,
      ...result,
    };
  }

  start(user: AuthUser, batchId: string): Promise<BatchView> {
    return this.uow.run(async (tx) => {
      const batch = await this.batchLock.lock(tx, batchId);
      if (batch.state !== 'complete')
        throw new ConflictProblem('batch-not-complete', `The batch is ${batch.state}; only a complete batch record can be reviewed`);
      await this.progress.setState(tx, batch, 'under-review', null, user, 'QA review started', {
        reviewStartedAt: this.clock.now(),
        reviewStartedBy: user.username,
      });
      return this.views.full(batch, await this.batches.stepsOf(batch.id, tx), tx);
    });
  }

  /** QA found something to correct: the record goes back to complete (corrections allowed), by a signed decision. */
  async returnForCorrection(user: AuthUser, token: string, batchId: string, reason: string, signature: SignatureInput): Promise<BatchView> {
    const signed = await this.signatures.verify(token, signature);
    return this.uow.run(async (tx) => {
      const batch = await this.batchLock.lock(tx, batchId);
      if (batch.state !== 'under-review')
        throw new ConflictProblem('batch-not-under-review', `The batch is ${batch.state}, not under review`);
      await this.signatures.record(tx, signed, {
        signer: user,
        subjectType: 'batch-review',
        subjectId: batch.id,
        batchId: batch.id,
        meaning: 'decided',
        content: { batchId: batch.id, returnedForCorrection: true, reason },
        comment: reason,
      });
      await this.progress.setState(tx, batch, 'complete', null, user, `returned for correction: ${reason}`, {
        reviewStartedAt: null,
        reviewStartedBy: null,
      });
      return this.views.full(batch, await this.batches.stepsOf(batch.id, tx), tx);
    });
  }

  /** Refused while a critical deviation is open, a decision is pending or a signature no longer matches its record. */
  async complete(user: AuthUser, token: string, batchId: string, signature: SignatureInput, comment: string | null): Promise<BatchView> {
    const signed = await this.signatures.verify(token, signature);
    return this.uow.run(async (tx) => {
      const batch = await this.batchLock.lock(tx, batchId);
      if (batch.state !== 'under-review')
        throw new ConflictProblem('batch-not-under-review', `The batch is ${batch.state}; start the review first`);
      const facts = await this.facts(batch, tx);
      const exceptions = reviewExceptions(facts);
      if (exceptions.blockers.length) {
        throw new RuleViolationProblem(
          exceptions.counts.openCriticalDeviations ? 'open-critical-deviations' : 'review-blocked',
          `The review cannot be completed: ${exceptions.blockers.join('; ')}`,
          exceptions.blockers.map((reason) => ({ field: 'batch', reason })),
        );
      }
      await this.signatures.record(tx, signed, {
        signer: user,
        subjectType: 'batch-review',
        subjectId: batch.id,
        batchId: batch.id,
        meaning: 'reviewed',
        content: reviewSignedContent(batch, facts),
        comment,
      });
      const now = this.clock.now();
      await this.progress.setState(tx, batch, 'reviewed', null, user, comment ?? 'QA review completed', {
        reviewedAt: now,
        reviewedById: user.id,
        reviewedByName: user.name,
      });
      await this.outbox.append(
        tx,
        BatchReviewedV1,
        {
          batchId: batch.id,
          orderId: batch.orderId,
          coi: batch.coi,
          clinicId: batch.clinicId,
          reviewedBy: user.username,
          reviewedAt: now.toISOString(),
          openDeviations: exceptions.counts.openDeviations,
        },
        { subject: batch.id, correlationId: batch.orderId },
      );
      return this.views.full(batch, facts.steps, tx);
    });
  }

  /** Everything the review looks at, plus the batch view it was derived from (so callers do not build it twice). */
  async facts(batch: BatchEntity, tx?: EntityManager): Promise<ReviewFacts & { view: BatchView }> {
    const [steps, deviations, corrections, timing, refusals, materialRefusals] = await Promise.all([
      this.batches.stepsOf(batch.id, tx),
      this.deviations.forBatch(batch.id, tx),
      this.batches.corrections(batch.id, tx),
      this.timing.forBatch(batch.id, tx),
      this.refusals.listForOrder(batch.orderId, tx),
      this.materialRefusals.listForBatch(batch.id, tx),
    ]);
    const view = await this.views.full(batch, steps, tx);
    const invalidSignatures = view.steps.flatMap((s) =>
      s.signatures
        .filter((sig) => !sig.valid && isStillExpected(sig.meaning, s))
        .map((sig) => ({ stepCode: s.code, meaning: sig.meaning, signer: sig.printedName, signedAt: sig.signedAt })),
    );
    return { steps, deviations, corrections, timing, refusals, materialRefusals, invalidSignatures, view };
  }
}

/**
 * A signature superseded by a later signed correction is history, not a problem: only the newest performed/corrected
 * signature and the current verification must match the record.
 */
function isStillExpected(meaning: string, step: { signatures: { meaning: string; valid: boolean }[]; state: string }): boolean {
  if (meaning === 'performed' || meaning === 'corrected') {
    const latest = [...step.signatures].reverse().find((s) => s.meaning === 'performed' || s.meaning === 'corrected');
    return latest?.meaning === meaning && latest.valid === false;
  }
  if (meaning === 'verified') return step.state === 'verified' && !step.signatures.some((s) => s.meaning === 'verified' && s.valid);
  return false;
}

/** QA's review signature covers every step's content and every deviation's state at the moment of review. */
function reviewSignedContent(batch: BatchEntity, facts: ReviewFacts) {
  return {
    batchId: batch.id,
    lotNumber: batch.lotNumber,
    coi: batch.coi,
    mbr: `${batch.mbrCode} v${batch.mbrVersion}`,
    steps: facts.steps.map((s) => ({
      code: s.code,
      state: s.state,
      values: contentHash(s.values),
      materials: contentHash(s.materialsUsed),
      equipment: contentHash(s.equipmentUsed),
    })),
    deviations: facts.deviations.map((d) => ({ number: d.number, state: d.state, classification: d.classification })),
  };
}
