import { MaterialUseRefusedV1, StepCompletedV1 } from '@mes/contracts';
import { automock, platformTwin } from '@mes/testing';
import { BatchLock } from '../batch-lock/batch-lock';
import { IdentityRefusalRepository } from '../chain-of-identity/identity-refusal.repository';
import { IdentityRefusalService } from '../chain-of-identity/identity-refusal.service';
import { DeviationService } from '../deviations/deviation.service';
import { EquipmentViewRepository } from '../materials/equipment-view.repository';
import { LotViewEntity } from '../materials/lot-view.entity';
import { LotViewRepository } from '../materials/lot-view.repository';
import { MaterialRefusalRepository } from '../materials/material-refusal.repository';
import { MaterialRefusalService } from '../materials/material-refusal.service';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { TrainingService } from '../training/training.service';
import { BatchEntity, BatchStepEntity } from './batch.entity';
import { BATCH_ID, COI, LOT_ID, OPERATOR, aBatch, aStep } from './batch.fakes';
import { BatchProgressService } from './batch-progress.service';
import { BatchRepository } from './batch.repository';
import { BatchViewService } from './batch-view.service';
import { BatchView } from './dto/batch.view';
import { CompleteStepDto } from './dto/step-execution.dto';
import { StepExecutionService } from './step-execution.service';

const SIGN = { password: 'pw' };
const MEDIUM = { materialCode: 'MEDIUM-X', description: 'Medium', quantity: 2, unit: 'bag', requiresLotScan: true };

function lotFacts(over: Partial<LotViewEntity> = {}): LotViewEntity {
  return {
    lotId: LOT_ID,
    materialCode: 'MEDIUM-X',
    status: 'released',
    expiresAt: new Date('2026-06-01T00:00:00.000Z'),
    thawedAt: null,
    thawedUseBy: null,
    expired: false,
    expiredReason: null,
    quantityAvailable: 10,
    unit: 'bag',
    updatedAt: new Date('2026-02-01T00:00:00.000Z'),
    ...over,
  };
}

/** One running batch whose second step is the one under test; every collaborator is a strict mock. */
function setup(
  options: {
    step?: Partial<BatchStepEntity>;
    definition?: Partial<BatchStepEntity['definition']>;
    batch?: Partial<BatchEntity>;
    tickMs?: number;
  } = {},
) {
  const p = platformTwin({ now: '2026-03-01T09:00:00.000Z', producer: 'batch-record', tickMs: options.tickMs });
  const batch = aBatch(options.batch);
  const steps = [
    aStep('SELECT', 1, { state: 'completed', completedAt: new Date('2026-03-01T08:00:00.000Z') }),
    aStep('FEED', 2, options.step, options.definition),
  ];
  const step = steps[1];
  const saved: BatchStepEntity[] = [];
  const batches = automock(BatchRepository, { saveStep: async (_tx, s) => void saved.push(structuredClone(s)) });
  const batchLock = automock(BatchLock, { lockForStep: async () => ({ batch, steps, step }) });
  const lots = new Map<string, LotViewEntity>([[LOT_ID, lotFacts()]]);
  const lotViews = automock(LotViewRepository, {
    findByIds: async (_tx, ids) => new Map(ids.filter((id) => lots.has(id)).map((id) => [id, lots.get(id)!])),
    consume: async () => undefined,
  });
  const refusalRows = automock(IdentityRefusalRepository, { insert: async () => undefined });
  const materialRefusalRows = automock(MaterialRefusalRepository, { insert: async () => undefined });
  const signatures = automock(SignatureService, { verify: async (token) => ({ token }) as never, record: async () => ({}) as never });
  const timing = automock(TimingService, {
    stepStarting: async () => undefined,
    stepCompleting: async () => undefined,
    open: async () => undefined,
  });
  const progress = automock(BatchProgressService, { setState: async () => undefined, settle: async () => undefined });
  const deviations = automock(DeviationService);
  const service = new StepExecutionService(
    p.uow,
    p.outbox,
    p.audit,
    p.clock,
    batches,
    batchLock,
    lotViews,
    automock(EquipmentViewRepository, { findByTags: async () => new Map() }),
    new IdentityRefusalService(p.uow, p.clock, refusalRows, p.audit),
    new MaterialRefusalService(p.uow, p.clock, materialRefusalRows, p.outbox, p.audit),
    automock(TrainingService, { assert: async () => undefined }),
    timing,
    deviations,
    signatures,
    progress,
    automock(BatchViewService, { full: async () => ({ id: batch.id }) as BatchView }),
  );
  return {
    ...p,
    service,
    batchLock,
    batch,
    step,
    saved,
    lots,
    lotViews,
    signatures,
    deviations,
    progress,
    refusalRows,
    materialRefusalRows,
  };
}

const complete = (over: Partial<CompleteStepDto> = {}): CompleteStepDto => ({
  values: {},
  materials: [],
  equipment: [],
  signature: SIGN,
  ...over,
});

describe(StepExecutionService.name, () => {
  describe('complete', () => {
    it('should give the step one start and completion time when it is completed without an explicit start', async () => {
      // Arrange: every clock reading moves time on, as a real clock does while identity checks the password
      const { service, step, outbox, audit } = setup({ tickMs: 700 });

      // Act
      await service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      expect(step.startedAt).not.toBeNull();
      expect(step.startedAt!.getTime()).toBe(step.completedAt!.getTime());
      expect(outbox.of(StepCompletedV1)[0].completedAt).toBe(step.completedAt!.toISOString());
      const started = audit.of('batch_step', step.id).map((e) => (e.newValue as { startedAt: Date }).startedAt);
      expect(started.every((at) => at.getTime() === step.completedAt!.getTime())).toBe(true);
    });

    it('should keep the explicit start time when a started step is completed', async () => {
      // Arrange
      const startedAt = new Date('2026-03-01T08:30:00.000Z');
      const { service, step } = setup({
        step: { state: 'in-progress', startedAt, startedById: OPERATOR.id, startedByName: OPERATOR.name },
      });

      // Act
      await service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      expect(step.startedAt).toEqual(startedAt);
      expect(step.completedAt).toEqual(new Date('2026-03-01T09:00:00.000Z'));
    });

    it('should record the values, announce the completion with its actions and audit it when the input is valid', async () => {
      // Arrange
      const { service, step, outbox, audit, lotViews } = setup({
        step: { state: 'in-progress', startedAt: new Date('2026-03-01T08:30:00.000Z') },
        definition: {
          fields: [{ name: 'volumeMl', label: 'Volume', type: 'number', unit: 'mL', required: true, action: { min: 10, max: 100 } }],
          materials: [MEDIUM],
        },
      });

      // Act
      await service.complete(
        OPERATOR,
        'token',
        BATCH_ID,
        'FEED',
        complete({ values: { volumeMl: 50 }, materials: [{ materialCode: 'MEDIUM-X', lotId: LOT_ID }] }),
      );

      // Assert
      expect(step).toMatchObject({ state: 'completed', values: { volumeMl: 50 }, completedById: OPERATOR.id });
      expect(step.materialsUsed).toEqual([{ materialCode: 'MEDIUM-X', lotId: LOT_ID, quantity: 2, unit: 'bag' }]);
      expect(outbox.of(StepCompletedV1)).toEqual([
        expect.objectContaining({
          stepCode: 'FEED',
          coi: COI,
          completedBy: 'operator',
          actions: [{ kind: 'consume-material', lotId: LOT_ID, materialCode: 'MEDIUM-X', quantity: 2, unit: 'bag' }],
        }),
      ]);
      expect(lotViews.consume).toHaveBeenCalledWith(expect.anything(), LOT_ID, 2, step.completedAt);
      expect(audit.of('batch_step', step.id)).toEqual([
        expect.objectContaining({
          oldValue: expect.objectContaining({ state: 'in-progress' }),
          newValue: expect.objectContaining({ state: 'completed' }),
        }),
      ]);
    });

    it.each([
      ['in quarantine', { status: 'quarantine' as const }, 'lot is quarantine, not released'],
      ['expired', { expiresAt: new Date('2026-03-01T08:00:00.000Z') }, 'lot expired at 2026-03-01T08:00:00.000Z'],
      ['used up', { quantityAvailable: 0 }, 'lot has 0 bag left, the step needs 2'],
    ])('should refuse with 422 material-not-usable and complete nothing when the scanned lot is %s', async (_case, facts, reason) => {
      // Arrange
      const { service, lots, saved, outbox, audit, lotViews, step } = setup({ definition: { materials: [MEDIUM] } });
      lots.set(LOT_ID, lotFacts(facts));

      // Act
      const attempt = service.complete(
        OPERATOR,
        'token',
        BATCH_ID,
        'FEED',
        complete({ materials: [{ materialCode: 'MEDIUM-X', lotId: LOT_ID }] }),
      );

      // Assert
      await expect(attempt).rejects.toMatchObject({
        status: 422,
        code: 'material-not-usable',
        errors: [{ field: 'materials.0.lotId', reason }],
      });
      expect(saved).toEqual([]);
      expect(outbox.of(StepCompletedV1)).toEqual([]);
      expect(audit.of('batch_step', step.id)).toEqual([]);
      expect(lotViews.consume).not.toHaveBeenCalled();
    });

    it('should record the refused lot and announce it once, in its own transaction, when a step tries to use an unusable lot', async () => {
      // Arrange
      const { service, lots, outbox, audit, uow, materialRefusalRows } = setup({ definition: { materials: [MEDIUM] } });
      lots.set(LOT_ID, lotFacts({ status: 'quarantine' }));

      // Act
      const attempt = service.complete(
        OPERATOR,
        'token',
        BATCH_ID,
        'FEED',
        complete({ materials: [{ materialCode: 'MEDIUM-X', lotId: LOT_ID }] }),
      );

      // Assert
      await expect(attempt).rejects.toMatchObject({ code: 'material-not-usable' });
      const refused = [{ lotId: LOT_ID, materialCode: 'MEDIUM-X', reason: 'lot is quarantine, not released' }];
      expect(materialRefusalRows.insert).toHaveBeenCalledTimes(1);
      expect(materialRefusalRows.insert).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ batchId: BATCH_ID, stepCode: 'FEED', userName: 'operator', lots: refused }),
      );
      expect(outbox.recorded.map((e) => e.type)).toEqual([MaterialUseRefusedV1.type]);
      expect(outbox.of(MaterialUseRefusedV1)).toEqual([
        expect.objectContaining({ batchId: BATCH_ID, coi: COI, stepCode: 'FEED', refusedBy: 'operator', lots: refused }),
      ]);
      expect(audit.entries.map((e) => e.entity)).toEqual(['material_refusal']);
      expect([uow.rollbacks, uow.commits]).toEqual([1, 1]);
    });

    it('should record nothing as refused when the step fails for another reason', async () => {
      // Arrange
      const { service, materialRefusalRows, outbox } = setup({ batch: { state: 'on-hold', holdReason: 'investigation' } });

      // Act
      const attempt = service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      await expect(attempt).rejects.toMatchObject({ code: 'batch-on-hold' });
      expect(materialRefusalRows.insert).not.toHaveBeenCalled();
      expect(outbox.recorded).toEqual([]);
    });

    it('should refuse with 400 and record nothing when a required COI scan is missing', async () => {
      // Arrange
      const { service, signatures, saved, outbox } = setup({ definition: { requiresCoiScan: true } });

      // Act
      const attempt = service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 400 });
      expect(signatures.record).not.toHaveBeenCalled();
      expect(saved).toEqual([]);
      expect(outbox.recorded).toEqual([]);
    });

    it('should check the credentials before it takes the batch lock', async () => {
      // Arrange
      const { service, signatures, batchLock } = setup();
      signatures.verify.mockRejectedValue(Object.assign(new Error('signature rejected'), { status: 401 }));

      // Act
      const attempt = service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      await expect(attempt).rejects.toThrow('signature rejected');
      expect(batchLock.lockForStep).not.toHaveBeenCalled();
    });

    it('should record the refused scan in its own transaction and leave the step pending when the COI does not match', async () => {
      // Arrange
      const { service, step, refusalRows, audit, uow } = setup({ definition: { requiresCoiScan: true } });

      // Act
      const attempt = service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete({ scannedCoi: 'COI-ZZZZ-ZZZZ' }));

      // Assert
      await expect(attempt).rejects.toMatchObject({ code: 'coi-mismatch' });
      expect(step.state).toBe('pending');
      expect(refusalRows.insert).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ expectedCoi: COI, scannedCoi: 'COI-ZZZZ-ZZZZ', context: 'step:FEED' }),
      );
      expect(audit.entries.map((e) => e.entity)).toEqual(['identity_refusal']);
      expect([uow.rollbacks, uow.commits]).toEqual([1, 1]);
    });

    it('should open a deviation and hold the batch for a decision when a reading is beyond its action limit', async () => {
      // Arrange
      const { service, step, deviations, progress, batch } = setup({
        step: { state: 'in-progress', startedAt: new Date('2026-03-01T08:30:00.000Z') },
        definition: {
          fields: [{ name: 'volumeMl', label: 'Volume', type: 'number', unit: 'mL', required: true, action: { min: 10, max: 100 } }],
        },
      });
      deviations.open.mockResolvedValue({ id: 'dev-1', number: 'DEV-0001' } as never);
      progress.holdForDecision.mockResolvedValue(undefined);

      // Act
      await service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete({ values: { volumeMl: 150 } }));

      // Assert
      expect(deviations.open).toHaveBeenCalledWith(
        expect.anything(),
        batch,
        expect.objectContaining({ source: 'action-limit', stepCode: 'FEED' }),
        OPERATOR,
      );
      expect(progress.holdForDecision).toHaveBeenCalledWith(expect.anything(), batch, step, 'DEV-0001', OPERATOR);
      expect(step).toMatchObject({ state: 'completed', decisionRequired: true });
    });

    it('should refuse with 409 batch-on-hold and record no signature when the batch is on hold', async () => {
      // Arrange
      const { service, signatures, saved } = setup({ batch: { state: 'on-hold', holdReason: 'investigation' } });

      // Act
      const attempt = service.complete(OPERATOR, 'token', BATCH_ID, 'FEED', complete());

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 409, code: 'batch-on-hold' });
      expect(signatures.record).not.toHaveBeenCalled();
      expect(saved).toEqual([]);
    });
  });

  describe('start', () => {
    it('should start the step and move a created batch to in-progress when its first step starts', async () => {
      // Arrange
      const { service, step, progress, batch } = setup({ batch: { state: 'created' } });

      // Act
      await service.start(OPERATOR, BATCH_ID, 'FEED');

      // Assert
      expect(step).toMatchObject({ state: 'in-progress', startedById: OPERATOR.id, startedAt: new Date('2026-03-01T09:00:00.000Z') });
      expect(progress.setState).toHaveBeenCalledWith(expect.anything(), batch, 'in-progress', null, OPERATOR, 'first step FEED started');
    });

    it('should refuse with 409 when the step has already started', async () => {
      // Arrange
      const { service, saved } = setup({ step: { state: 'in-progress' } });

      // Act / Assert
      await expect(service.start(OPERATOR, BATCH_ID, 'FEED')).rejects.toMatchObject({ status: 409 });
      expect(saved).toEqual([]);
    });
  });
});
