import { BatchReviewedV1 } from '@mes/contracts';
import { automock, platformTwin } from '@mes/testing';
import { BatchLock } from '../batch-lock/batch-lock';
import { BatchEntity } from '../batches/batch.entity';
import { BATCH_ID, QA, aBatch, aStep } from '../batches/batch.fakes';
import { BatchProgressService } from '../batches/batch-progress.service';
import { BatchRepository } from '../batches/batch.repository';
import { BatchViewService } from '../batches/batch-view.service';
import { BatchView } from '../batches/dto/batch.view';
import { IdentityRefusalRepository } from '../chain-of-identity/identity-refusal.repository';
import { DeviationEntity } from '../deviations/deviation.entity';
import { DeviationRepository } from '../deviations/deviation.repository';
import { MaterialRefusalRepository } from '../materials/material-refusal.repository';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { ReviewService } from './review.service';

const SIGN = { password: 'pw' };

function setup(batchState: BatchEntity['state'] = 'under-review', deviations: Partial<DeviationEntity>[] = []) {
  const p = platformTwin({ now: '2026-03-10T09:00:00.000Z', producer: 'batch-record' });
  const batch = aBatch({ state: batchState });
  const steps = [aStep('SEED', 1, { state: 'completed' })];
  const signatures = automock(SignatureService, { verify: async (token) => ({ token }) as never, record: async () => ({}) as never });
  const progress = automock(BatchProgressService, { setState: async (_tx, b, state) => void (b.state = state) });
  const service = new ReviewService(
    p.uow,
    p.clock,
    p.audit,
    p.outbox,
    automock(BatchRepository, { stepsOf: async () => steps, corrections: async () => [] }),
    automock(BatchLock, { lock: async () => batch }),
    automock(DeviationRepository, { forBatch: async () => deviations as DeviationEntity[] }),
    automock(IdentityRefusalRepository, { listForOrder: async () => [] }),
    automock(MaterialRefusalRepository, { listForBatch: async () => [] }),
    automock(TimingService, { forBatch: async () => [] }),
    signatures,
    automock(BatchViewService, { full: async () => ({ id: batch.id, steps: [] }) as unknown as BatchView }),
    progress,
  );
  return { ...p, service, batch, signatures, progress };
}

describe(ReviewService.name, () => {
  it('should sign the review, mark the batch reviewed and announce it when nothing blocks it', async () => {
    // Arrange
    const { service, batch, signatures, outbox } = setup();

    // Act
    await service.complete(QA, 'token', BATCH_ID, SIGN, 'clean record');

    // Assert
    expect(batch.state).toBe('reviewed');
    expect(signatures.record).toHaveBeenCalledWith(expect.anything(), expect.anything(), expect.objectContaining({ meaning: 'reviewed' }));
    expect(outbox.of(BatchReviewedV1)).toEqual([expect.objectContaining({ batchId: BATCH_ID, reviewedBy: 'qa', openDeviations: 0 })]);
  });

  it('should refuse with 422 open-critical-deviations and sign nothing while a critical deviation is open', async () => {
    // Arrange
    const { service, batch, signatures, outbox } = setup('under-review', [
      { id: 'd1', number: 'DEV-2026-0001', classification: 'critical', state: 'open', stepCode: null, source: 'manual', title: 't' },
    ]);

    // Act
    const attempt = service.complete(QA, 'token', BATCH_ID, SIGN, null);

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 422, code: 'open-critical-deviations' });
    expect(batch.state).toBe('under-review');
    expect(signatures.record).not.toHaveBeenCalled();
    expect(outbox.recorded).toEqual([]);
  });

  it('should refuse with 409 when the review was not started', async () => {
    // Arrange
    const { service } = setup('complete');

    // Act / Assert
    await expect(service.complete(QA, 'token', BATCH_ID, SIGN, null)).rejects.toMatchObject({
      status: 409,
      code: 'batch-not-under-review',
    });
  });

  it('should start the review only for a complete batch', async () => {
    // Arrange
    const running = setup('in-progress');
    const complete = setup('complete');

    // Act
    const refused = running.service.start(QA, BATCH_ID);
    await complete.service.start(QA, BATCH_ID);

    // Assert
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'batch-not-complete' });
    expect(complete.batch.state).toBe('under-review');
  });
});
