import { AuthUser } from '@mes/platform';
import { automock, platformTwin } from '@mes/testing';
import { BatchLock } from '../batch-lock/batch-lock';
import { DeviationService } from '../deviations/deviation.service';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { TrainingService } from '../training/training.service';
import { BatchStepEntity } from './batch.entity';
import { BATCH_ID, OPERATOR, SUPERVISOR, aBatch, aStep } from './batch.fakes';
import { BatchProgressService } from './batch-progress.service';
import { BatchRepository } from './batch.repository';
import { BatchViewService } from './batch-view.service';
import { BatchView } from './dto/batch.view';
import { StepSignoffService } from './step-signoff.service';

const SIGN = { password: 'pw' };
const SECOND_SUPERVISOR: AuthUser = { ...SUPERVISOR, id: 'u-sup2', username: 'supervisor2', name: 'Sue Supervisor' };
const VOLUME = { name: 'volumeMl', label: 'Volume', type: 'number' as const, unit: 'mL', required: true, action: { min: 10, max: 100 } };

/** A batch whose step FILL was performed by the operator; the rule asks a supervisor to verify it. */
function setup(step: Partial<BatchStepEntity> = {}, authors: string[] = [OPERATOR.id]) {
  const p = platformTwin({ now: '2026-03-01T10:00:00.000Z', producer: 'batch-record' });
  const batch = aBatch();
  const fill = aStep(
    'FILL',
    1,
    { state: 'completed', completedById: OPERATOR.id, values: { volumeMl: 50 }, valueFlags: { volumeMl: 'ok' }, ...step },
    { fields: [VOLUME], signature: { performerRoles: ['operator', 'supervisor'], verifierRequired: true, verifierRoles: ['supervisor'] } },
  );
  const steps = [fill];
  const saved: BatchStepEntity[] = [];
  const signatures = automock(SignatureService, {
    verify: async (token) => ({ token }) as never,
    record: async () => ({}) as never,
    authorsOf: async () => new Set(authors),
  });
  const batches = automock(BatchRepository, {
    saveStep: async (_tx, s) => void saved.push(structuredClone(s)),
    insertCorrection: async () => undefined,
  });
  const deviations = automock(DeviationService);
  const progress = automock(BatchProgressService, { settle: async () => undefined });
  const service = new StepSignoffService(
    p.uow,
    p.audit,
    p.clock,
    batches,
    automock(BatchLock, { lockForStep: async () => ({ batch, steps, step: fill }) }),
    automock(TrainingService, { assert: async () => undefined }),
    automock(TimingService),
    deviations,
    signatures,
    progress,
    automock(BatchViewService, { full: async () => ({ id: batch.id }) as BatchView }),
  );
  return { ...p, service, step: fill, saved, signatures, batches, deviations, progress, batch };
}

describe(StepSignoffService.name, () => {
  describe('verify', () => {
    it('should verify the step with the verifier signature and audit it when another supervisor verifies', async () => {
      // Arrange
      const { service, step, signatures, audit } = setup();

      // Act
      await service.verify(SUPERVISOR, 'token', BATCH_ID, 'FILL', { signature: SIGN });

      // Assert
      expect(step).toMatchObject({ state: 'verified', verifiedById: SUPERVISOR.id, verifiedAt: new Date('2026-03-01T10:00:00.000Z') });
      expect(signatures.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.anything(),
        expect.objectContaining({ meaning: 'verified' }),
      );
      expect(audit.of('batch_step', step.id)).toEqual([
        expect.objectContaining({ newValue: expect.objectContaining({ state: 'verified' }) }),
      ]);
    });

    it('should refuse with 422 self-verification and record nothing when the performer verifies their own step', async () => {
      // Arrange
      const { service, saved, signatures, audit } = setup({}, [SUPERVISOR.id]);

      // Act
      const attempt = service.verify(SUPERVISOR, 'token', BATCH_ID, 'FILL', { signature: SIGN });

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 422, code: 'self-verification' });
      expect(saved).toEqual([]);
      expect(signatures.record).not.toHaveBeenCalled();
      expect(audit.entries).toEqual([]);
    });

    it('should refuse with 422 verifier-role when an operator tries to verify', async () => {
      // Arrange
      const { service } = setup();

      // Act / Assert
      await expect(service.verify({ ...OPERATOR, id: 'u-op2' }, 'token', BATCH_ID, 'FILL', { signature: SIGN })).rejects.toMatchObject({
        code: 'verifier-role',
      });
    });

    it('should refuse with 409 when the step has not been completed', async () => {
      // Arrange
      const { service } = setup({ state: 'in-progress' });

      // Act / Assert
      await expect(service.verify(SUPERVISOR, 'token', BATCH_ID, 'FILL', { signature: SIGN })).rejects.toMatchObject({
        status: 409,
        code: 'step-not-completed',
      });
    });
  });

  describe('correct', () => {
    it('should keep the old value, undo the verification and audit the correction with its reason when a supervisor corrects', async () => {
      // Arrange
      const { service, step, batches, audit } = setup({ state: 'verified', verifiedById: SECOND_SUPERVISOR.id });

      // Act
      await service.correct(SUPERVISOR, 'token', BATCH_ID, 'FILL', {
        field: 'volumeMl',
        value: 60,
        reason: 'transcription error',
        signature: SIGN,
      });

      // Assert
      expect(step).toMatchObject({ state: 'completed', values: { volumeMl: 60 }, verifiedById: null });
      expect(batches.insertCorrection).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ field: 'volumeMl', oldValue: 50, newValue: 60, reason: 'transcription error', byId: SUPERVISOR.id }),
      );
      expect(audit.entries.map((e) => [e.entity, e.reason])).toEqual([
        ['batch_step', 'transcription error'],
        ['step_correction', 'transcription error'],
      ]);
    });

    it('should open a deviation and hold the batch for a decision when the corrected value is beyond its action limit', async () => {
      // Arrange
      const { service, step, deviations, progress, batch } = setup();
      deviations.open.mockResolvedValue({ number: 'DEV-2026-0009' } as never);
      progress.holdForDecision.mockResolvedValue(undefined);

      // Act
      await service.correct(SUPERVISOR, 'token', BATCH_ID, 'FILL', {
        field: 'volumeMl',
        value: 150,
        reason: 'reading was wrong',
        signature: SIGN,
      });

      // Assert
      expect(deviations.open).toHaveBeenCalledWith(
        expect.anything(),
        batch,
        expect.objectContaining({ source: 'action-limit' }),
        SUPERVISOR,
      );
      expect(progress.holdForDecision).toHaveBeenCalledWith(expect.anything(), batch, step, 'DEV-2026-0009', SUPERVISOR);
      expect(step.decisionRequired).toBe(true);
    });

    it('should refuse with 400 and record nothing when the value is the one already recorded', async () => {
      // Arrange
      const { service, saved, signatures } = setup();

      // Act
      const attempt = service.correct(SUPERVISOR, 'token', BATCH_ID, 'FILL', {
        field: 'volumeMl',
        value: 50,
        reason: 'no change',
        signature: SIGN,
      });

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 400 });
      expect(saved).toEqual([]);
      expect(signatures.record).not.toHaveBeenCalled();
    });
  });
});
