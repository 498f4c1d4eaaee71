import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DispositionSignedV1 } from '@mes/contracts';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  OutboxWriter,
  RuleViolationProblem,
  SignatureVerifier,
  UnitOfWork,
  contentHash,
  AuditTrail,
} from '@mes/platform';
import { BatchViewEntity } from '../batches/batch-view.entity';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { MaterialBlockerRepository } from '../batches/material-blocker.repository';
import { ReleaseGateRepository } from '../batches/release-gate.repository';
import { AuditEntities } from '../qc-audit';
import { BatchEventEvidence, OwnerHeads } from './batch-event-evidence';
import { TestOrderEntity } from '../test-orders/test-order.entity';
import { TestOrderRepository } from '../test-orders/test-order.repository';
import { DispositionEntity } from './disposition.entity';
import { DispositionRepository } from './disposition.repository';
import { DispositionView, ReadinessView, toDispositionView, toReadinessView } from './disposition.view';
import { SignDispositionDto } from './dto/sign-disposition.dto';
import { ReleaseFacts, releaseReadinessBlockers } from './release-rule';
import { signedContent } from './signed-content';
import { QcReleaseAuditEntity } from '../qc-audit';

@Injectable()
export class DispositionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dispositions: DispositionRepository,
    private readonly testOrders: TestOrderRepository,
    private readonly batches: BatchViewRepository,
    private readonly materialBlockers: MaterialBlockerRepository,
    private readonly gates: ReleaseGateRepository,
    private readonly evidence: BatchEventEvidence,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<QcReleaseAuditEntity>,
    private readonly clock: Clock,
    private readonly signatures: SignatureVerifier,
  ) {}

  /**
   * QA signs the batch once. A release needs a complete, QA-reviewed batch record, every result in and in
   * specification, no unusable material consumed, no open critical deviation, and proof that every event of the
   * batch was seen (the owners' heads, asked with the signer's token); a rejection needs none of it.
   */
  async sign(batchId: string, input: SignDispositionDto, signer: AuthUser, token: string): Promise<DispositionView> {
    // Asked first: an owner that cannot answer refuses the release before it costs a signing attempt or a lock.
    const heads = input.decision === 'rejected' ? undefined : await this.evidence.confirmHeads(batchId, token);
    // Credentials before any row lock: identity's answer never holds the batch's test orders locked.
    const verification = await this.signatures.verify(token, input.signature);
    return this.uow.run(async (tx) => {
      // Locking the orders serialises this with result recording and with a second signature on the same batch.
      const orders = await this.testOrders.lockByBatch(tx, batchId);
      const batch = await this.batches.find(batchId, tx);
      if (orders.length === 0 && !batch) throw new NotFoundProblem('Batch', batchId);
      if (await this.dispositions.find(batchId, tx)) {
        throw new ConflictProblem('disposition-already-signed', `Batch ${batchId} already has a signed disposition`);
      }
      const facts = await this.releaseFacts(tx, batchId, orders, batch, heads);
      if (input.decision !== 'rejected') {
        const blockers = releaseReadinessBlockers(facts);
        if (blockers.length > 0) {
          throw new RuleViolationProblem(
            'release-blocked',
            `Batch ${batchId} cannot be released: ${blockers.length} blocker(s): ${blockers.map((b) => `${b.field} (${b.reason})`).join('; ')}`,
            blockers,
          );
        }
      }
      this.signatures.confirmOnCommit(tx, token, verification);
      const signedAt = this.clock.now();
      const content = signedContent({
        batchId,
        lotNumber: batch?.lotNumber ?? null,
        coi: batch?.coi ?? null,
        decision: input.decision,
        reason: input.reason,
        meaning: input.meaning,
        signedBy: signer.id,
        signedByName: signer.name,
        signedAt,
        review: facts.review,
        tests: orders,
      });
      const disposition = Object.assign(new DispositionEntity(), {
        batchId,
        decision: input.decision,
        reason: input.reason,
        meaning: input.meaning,
        signedBy: signer.id,
        signedByUsername: signer.username,
        signedByName: signer.name,
        signedAt,
        signedContent: content,
        contentHash: contentHash(content),
      } satisfies DispositionEntity);
      await this.dispositions.insert(tx, disposition);
      await this.testOrders.closeBatch(tx, batchId, signedAt);
      await this.outbox.append(
        tx,
        DispositionSignedV1,
        {
          batchId,
          decision: input.decision,
          reason: input.reason,
          signedBy: signer.id,
          signedByName: signer.name,
          signedAt: signedAt.toISOString(),
        },
        { subject: batchId },
      );
      await this.audit.change(tx, {
        entity: AuditEntities.disposition,
        id: batchId,
        actor: signer,
        after: toDispositionView(disposition),
        reason: input.reason,
      });
      for (const order of orders) {
        await this.audit.change(tx, {
          entity: AuditEntities.testOrder,
          id: order.id,
          actor: signer,
          before: { closedAt: order.closedAt },
          after: { closedAt: signedAt },
          reason: `disposition ${input.decision} signed: the order takes no more results`,
        });
      }
      return toDispositionView(disposition);
    });
  }

  async get(batchId: string): Promise<DispositionView> {
    const disposition = await this.dispositions.find(batchId);
    if (!disposition) throw new NotFoundProblem('Disposition of batch', batchId);
    return toDispositionView(disposition);
  }

  /** What QA needs before signing: every blocker of a release, the review and the open deviations. */
  readiness(batchId: string): Promise<ReadinessView> {
    return this.uow.run(async (tx) => {
      const [orders, batch] = [await this.testOrders.listByBatch(batchId, tx), await this.batches.find(batchId, tx)];
      if (orders.length === 0 && !batch) throw new NotFoundProblem('Batch', batchId);
      const facts = await this.releaseFacts(tx, batchId, orders, batch);
      const disposition = await this.dispositions.find(batchId, tx);
      return toReadinessView(batchId, facts, releaseReadinessBlockers(facts), disposition);
    });
  }

  private async releaseFacts(
    tx: EntityManager,
    batchId: string,
    orders: TestOrderEntity[],
    batch: BatchViewEntity | null,
    heads?: OwnerHeads,
  ): Promise<ReleaseFacts> {
    return {
      batchRecordComplete: Boolean(batch?.completedAt),
      tests: orders,
      materialBlockers: await this.materialBlockers.forBatch(tx, batchId),
      review: await this.gates.review(batchId, tx),
      deviations: await this.gates.deviations(batchId, tx),
      events: await this.evidence.facts(tx, batchId, heads),
    };
  }
}
