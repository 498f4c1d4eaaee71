import { AuthUser, SignatureVerifier } from '@mes/platform';
import { platformTwin } from '@mes/testing';
import { BatchViewEntity } from '../batches/batch-view.entity';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { MaterialBlockerRepository } from '../batches/material-blocker.repository';
import { BatchReview, DeviationState, ReleaseGateRepository } from '../batches/release-gate.repository';
import { TestOrderEntity } from '../test-orders/test-order.entity';
import { TestOrderRepository } from '../test-orders/test-order.repository';
import { CAR_T_RELEASE } from '../test-orders/test-plan';
import { DispositionEntity } from './disposition.entity';
import { DispositionRepository } from './disposition.repository';
import { DispositionService } from './disposition.service';
import { SignDispositionDto } from './dto/sign-disposition.dto';

const BATCH = '0b8e7a52-3c1f-4d55-9a57-8f1f1c0e2a01';
const NOW = new Date('2026-03-16T09:00:00.000Z');
const QA: AuthUser = { id: 'u-qa', username: 'qa', name: 'Alex QA-Person', roles: ['qa'], clinicId: null };
const RESULTS: Record<string, number | string> = {
  sterility: 'no-growth',
  endotoxin: 1.2,
  viability: 88,
  'car-expression': 41,
  mycoplasma: 'not-detected',
};
const RELEASE: SignDispositionDto = { decision: 'released', reason: null, meaning: 'approved-for-release', signature: { password: 'pw' } };
const REJECT: SignDispositionDto = {
  decision: 'rejected',
  reason: 'critical deviation',
  meaning: 'rejected',
  signature: { password: 'pw' },
};

function setup() {
  const orders = CAR_T_RELEASE.tests.map((t, i) =>
    Object.assign(new TestOrderEntity(), {
      id: `00000000-0000-4000-8000-00000000000${i}`,
      batchId: BATCH,
      testCode: t.code,
      specification: t.specification,
      status: 'resulted',
      result: RESULTS[t.code],
      conforms: true,
      recordedBy: 'u-qc',
      recordedAt: new Date('2026-03-15T12:00:00.000Z'),
      closedAt: null,
    }),
  );
  const batch = Object.assign(new BatchViewEntity(), {
    batchId: BATCH,
    lotNumber: 'L-1',
    coi: 'COI-AB12-CD34',
    completedAt: new Date('2026-03-01T00:00:00.000Z'),
  });
  const state = {
    review: { batchId: BATCH, reviewedBy: 'qa', reviewedAt: new Date('2026-03-16T08:00:00.000Z'), openDeviations: 0 } as BatchReview | null,
    deviations: [] as DeviationState[],
  };
  const stored: DispositionEntity[] = [];
  const p = platformTwin({ now: NOW, producer: 'qc-release' });
  // What happened in which order: credentials must be checked before the first row lock.
  const calls: string[] = [];
  const verification = {
    verified: true,
    userId: QA.id,
    name: QA.name,
    verifiedAt: NOW.toISOString(),
    firstInSession: true,
    confirmation: 'c',
  };
  const verify = jest.fn(async () => (calls.push('verify'), verification));
  const confirmOnCommit = jest.fn(() => void calls.push('confirmOnCommit'));
  const service = new DispositionService(
    p.uow,
    {
      find: async () => stored[0] ?? null,
      insert: async (_tx: unknown, d: DispositionEntity) => void stored.push(d),
    } as unknown as DispositionRepository,
    {
      lockByBatch: async () => (calls.push('lockByBatch'), orders),
      listByBatch: async () => orders,
      closeBatch: async () => undefined,
    } as unknown as TestOrderRepository,
    { find: async () => batch } as unknown as BatchViewRepository,
    { forBatch: async () => [] } as unknown as MaterialBlockerRepository,
    { review: async () => state.review, deviations: async () => state.deviations } as unknown as ReleaseGateRepository,
    p.outbox,
    p.audit,
    p.clock,
    { verify, confirmOnCommit } as unknown as SignatureVerifier,
  );
  return { service, state, stored, events: p.outbox.recorded, audited: p.audit.entries, verify, confirmOnCommit, calls };
}

const criticalOpen = (): DeviationState => ({
  deviationId: 'd0000000-0000-4000-8000-000000000001',
  batchId: BATCH,
  number: 'DEV-0001',
  classification: 'critical',
  state: 'open',
  title: 'Incubator temperature excursion',
  stepCode: 'EXPANSION',
  changedAt: new Date('2026-03-10T00:00:00.000Z'),
  changedBy: 'supervisor',
});

describe(DispositionService.name, () => {
  it('should sign the release, announce it and audit the disposition and the closed orders when every gate is passed', async () => {
    const { service, stored, events, audited, verify } = setup();
    const view = await service.sign(BATCH, RELEASE, QA, 'token-qa');
    expect(view).toMatchObject({ decision: 'released', signedBy: 'u-qa' });
    expect(stored).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(['qc-release.batch.disposition-signed']);
    expect(audited.map((e) => [e.action, e.entity])).toEqual([['create', 'qc_disposition'], ...Array(5).fill(['update', 'qc_test_order'])]);
    expect(verify).toHaveBeenCalledWith('token-qa', { password: 'pw' });
  });

  it("should check the signer's credentials before it locks the batch's test orders, and confirm them in the signing transaction", async () => {
    const { service, calls, confirmOnCommit } = setup();
    await service.sign(BATCH, RELEASE, QA, 'token-qa');
    expect(calls).toEqual(['verify', 'lockByBatch', 'confirmOnCommit']);
    expect(confirmOnCommit).toHaveBeenCalledWith(expect.anything(), 'token-qa', expect.objectContaining({ confirmation: 'c' }));
  });

  it('should lock nothing and store nothing when identity refuses the credentials', async () => {
    const { service, calls, stored, verify } = setup();
    verify.mockRejectedValueOnce(new Error('signature-rejected'));
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toThrow('signature-rejected');
    expect(calls).toEqual([]);
    expect(stored).toEqual([]);
  });

  it('should refuse release with 422 on batchRecord.review, and not confirm the signing, when QA has not reviewed the batch record', async () => {
    const { service, state, stored, confirmOnCommit } = setup();
    state.review = null;
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      status: 422,
      code: 'release-blocked',
      errors: [{ field: 'batchRecord.review', reason: 'batch record not reviewed by QA' }],
    });
    expect(confirmOnCommit).not.toHaveBeenCalled();
    expect(stored).toEqual([]);
  });

  it('should refuse release with 422 on the deviation when a critical deviation of the batch is open', async () => {
    const { service, state } = setup();
    state.deviations = [criticalOpen()];
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      status: 422,
      code: 'release-blocked',
      errors: [{ field: 'deviations.d0000000-0000-4000-8000-000000000001' }],
    });
  });

  it('should release when the critical deviation was closed since', async () => {
    const { service, state } = setup();
    state.deviations = [{ ...criticalOpen(), state: 'closed' }];
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).resolves.toMatchObject({ decision: 'released' });
  });

  it('should still allow a rejection when the record is unreviewed and a critical deviation is open', async () => {
    const { service, state } = setup();
    state.review = null;
    state.deviations = [criticalOpen()];
    await expect(service.sign(BATCH, REJECT, QA, 'token-qa')).resolves.toMatchObject({ decision: 'rejected' });
  });

  it('should sign the review into the signed content when releasing', async () => {
    const { service } = setup();
    const view = await service.sign(BATCH, RELEASE, QA, 'token-qa');
    expect(view.signedContent).toMatchObject({ batchRecordReview: { reviewedBy: 'qa', reviewedAt: '2026-03-16T08:00:00.000Z' } });
  });

  it('should show every blocker and the open deviations in the readiness view', async () => {
    const { service, state } = setup();
    state.review = null;
    state.deviations = [criticalOpen(), { ...criticalOpen(), deviationId: 'd2', number: 'DEV-0002', classification: 'minor' }];
    const readiness = await service.readiness(BATCH);
    expect(readiness).toMatchObject({
      releasable: false,
      review: null,
      blockers: [{ field: 'batchRecord.review' }, { field: 'deviations.d0000000-0000-4000-8000-000000000001' }],
      openDeviations: [
        expect.objectContaining({ number: 'DEV-0001' }),
        expect.objectContaining({ number: 'DEV-0002', classification: 'minor' }),
      ],
    });
  });

  it('should say releasable when nothing blocks and nothing is signed yet', async () => {
    const { service } = setup();
    await expect(service.readiness(BATCH)).resolves.toMatchObject({ releasable: true, blockers: [] });
  });
});
