import { Injectable } from '@nestjs/common';
import { DispositionSignedV1 } from '@mes/contracts';
import { AuthUser, Clock, ConflictProblem, NotFoundProblem, OutboxWriter, RuleViolationProblem, UnitOfWork } from '@mes/platform';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { MaterialBlockerRepository } from '../batches/material-blocker.repository';
import { TestOrderRepository } from '../test-orders/test-order.repository';
import { DispositionEntity } from './disposition.entity';
import { DispositionRepository } from './disposition.repository';
import { DispositionView, toDispositionView } from './disposition.view';
import { SignDispositionDto } from './dto/sign-disposition.dto';
import { releaseBlockers } from './release-rule';
import { contentHash, signedContent } from './signed-content';

@Injectable()
export class DispositionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dispositions: DispositionRepository,
    private readonly testOrders: TestOrderRepository,
    private readonly batches: BatchViewRepository,
    private readonly materialBlockers: MaterialBlockerRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** QA signs the batch once; a release needs every result in and in specification. */
  sign(batchId: string, input: SignDispositionDto, signer: AuthUser, verifySignature: () => Promise<void>): Promise<DispositionView> {
    return this.uow.run(async (tx) => {
      // Locking the orders serialises this with result recording and with a second signature on the same batch.
      const orders = await this.testOrders.lockByBatch(tx, batchId);
      const batch = await this.batches.find(batchId, tx);
      if (orders.length === 0 && !batch) throw new NotFoundProblem('Batch', batchId);
      if (await this.dispositions.find(batchId, tx)) {
        throw new ConflictProblem('disposition-already-signed', `Batch ${batchId} already has a signed disposition`);
      }
      if (input.decision === 'released') {
        // Release needs a finished batch record (known COI and lot) as well as every result.
        if (!batch?.completedAt) {
          throw new RuleViolationProblem('release-blocked', `Batch ${batchId} cannot be released: manufacturing is not complete`, [
            { field: 'batch', reason: 'batch record not complete' },
          ]);
        }
        if (orders.length === 0) {
          throw new RuleViolationProblem('release-blocked', `Batch ${batchId} cannot be released: no release tests were ordered`, [
            { field: 'tests', reason: 'no release test orders' },
          ]);
        }
        const blockers = [
          ...releaseBlockers(orders),
          ...(await this.materialBlockers.forBatch(tx, batchId)).map((b) => ({
            field: `materials.${b.lotId}`,
            reason: `unusable lot consumed at step ${b.stepCode}: ${b.reason}`,
          })),
        ];
        if (blockers.length > 0) {
          throw new RuleViolationProblem(
            'release-blocked',
            `Batch ${batchId} cannot be released: ${blockers.length} blocker(s): results missing or out of specification, or unusable material consumed`,
            blockers,
          );
        }
      }
      // The password is checked last, once every rule passed: a refused release never costs a signing attempt.
      await verifySignature();
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
      return toDispositionView(disposition);
    });
  }

  async get(batchId: string): Promise<DispositionView> {
    const disposition = await this.dispositions.find(batchId);
    if (!disposition) throw new NotFoundProblem('Disposition of batch', batchId);
    return toDispositionView(disposition);
  }
}
