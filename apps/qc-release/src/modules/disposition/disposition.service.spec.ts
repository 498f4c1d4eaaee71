import {
  AppliedEvent,
  AuthUser,
  EventHead,
  EventHeadClient,
  EventHeadUnavailableProblem,
  EventSequences,
  SignatureVerifier,
} from '@mes/platform';
import { QcReleaseConfig } from '../../config/qc-release.config';
import { platformTwin } from '@mes/testing';
import { BatchViewEntity } from '../batches/batch-view.entity';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { MaterialBlockerRepository } from '../batches/material-blocker.repository';
import { BatchReview, DeviationState, ReleaseGateRepository } from '../batches/release-gate.repository';
import { TestOrderEntity } from '../test-orders/test-order.entity';
import { TestOrderRepository } from '../test-orders/test-order.repository';
import { CAR_T_RELEASE } from '../test-orders/test-plan';
import { BatchEventEvidence } from './batch-event-evidence';
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
    // batch-record's events about the batch qc-release applied (2 and 3 are steps), and inventory's (none: no misuse).
    applied: {
      'batch-record': [
        { sequence: 1, eventType: 'batch-record.batch.started' },
        { sequence: 2, eventType: 'batch-record.batch.step-completed' },
        { sequence: 3, eventType: 'batch-record.batch.step-completed' },
        { sequence: 4, eventType: 'batch-record.batch.completed' },
      ],
      inventory: [],
    } as Record<string, AppliedEvent[]>,
    heads: { 'batch-record': 4, inventory: 0 } as Record<string, number>,
    inventoryApplied: 3,
    deadLetters: { 'batch-record': 0, inventory: 0, 'qc-release': 0 } as Record<string, number>,
    unreachable: null as string | null,
  };
  const asked: { producer: string; url: string; subject: string; token: string }[] = [];
  const evidence = new BatchEventEvidence(
    {
      applied: async (_tx: unknown, producer: string) => state.applied[producer] ?? [],
      pendingDeadLetters: async () => state.deadLetters['qc-release'],
    } as unknown as EventSequences,
    {
      head: async (producer: string, url: string, subject: string, token: string): Promise<EventHead> => {
        asked.push({ producer, url, subject, token });
        if (state.unreachable === producer) throw new EventHeadUnavailableProblem(producer, `${producer} is unreachable`);
        return {
          subject,
          producer,
          sequence: state.heads[producer],
          applied: producer === 'inventory' ? { 'batch-record': state.inventoryApplied } : {},
          pendingDeadLetters: state.deadLetters[producer],
        };
      },
    } as unknown as EventHeadClient,
    { BATCH_RECORD_URL: 'http://batch-record', INVENTORY_URL: 'http://inventory' } as QcReleaseConfig,
  );
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
    evidence,
    p.outbox,
    p.audit,
    p.clock,
    { verify, confirmOnCommit } as unknown as SignatureVerifier,
  );
  return { service, state, stored, events: p.outbox.recorded, audited: p.audit.entries, verify, confirmOnCommit, calls, asked };
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

  it('should ask batch-record and inventory for the batch’s head with the signer’s token when releasing', async () => {
    const { service, asked } = setup();
    await service.sign(BATCH, RELEASE, QA, 'token-qa');
    expect(asked).toEqual([
      { producer: 'batch-record', url: 'http://batch-record', subject: BATCH, token: 'token-qa' },
      { producer: 'inventory', url: 'http://inventory', subject: BATCH, token: 'token-qa' },
    ]);
  });

  it('should refuse release naming the events awaited, and sign nothing, when the owner has events not yet applied', async () => {
    const { service, state, stored, confirmOnCommit } = setup();
    state.heads['batch-record'] = 6;
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      status: 422,
      code: 'release-blocked',
      errors: [{ field: 'events.batch-record', reason: 'waiting for events 5..6 from batch-record' }],
    });
    expect(confirmOnCommit).not.toHaveBeenCalled();
    expect(stored).toEqual([]);
  });

  it('should refuse release when a misuse report from inventory is missing from the sequence', async () => {
    const { service, state } = setup();
    state.applied.inventory = [{ sequence: 2, eventType: 'inventory.lot.misuse-detected' }];
    state.heads.inventory = 2;
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      errors: [{ field: 'events.inventory', reason: 'waiting for events 1..1 from inventory' }],
    });
  });

  it('should refuse release while inventory has not applied the batch’s last step', async () => {
    const { service, state } = setup();
    state.inventoryApplied = 2;
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      errors: [
        { field: 'events.inventory', reason: 'waiting for inventory to apply events up to 3 from batch-record (it has applied up to 2)' },
      ],
    });
  });

  it('should refuse release while inventory holds a dead letter for the batch, though it has applied past it', async () => {
    const { service, state, stored } = setup();
    state.deadLetters.inventory = 1; // inventory applied the last step (3): the sequences alone would pass
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      status: 422,
      errors: [
        {
          field: 'deadLetters.inventory',
          reason: 'inventory holds 1 unresolved dead letter for this batch (see the dead-letters command)',
        },
      ],
    });
    expect(stored).toEqual([]);
  });

  it.each(['batch-record', 'qc-release'])('should refuse release while %s holds a dead letter for the batch', async (holder) => {
    const { service, state } = setup();
    state.deadLetters[holder] = 2;
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({
      errors: [
        {
          field: `deadLetters.${holder}`,
          reason: `${holder} holds 2 unresolved dead letters for this batch (see the dead-letters command)`,
        },
      ],
    });
  });

  it('should refuse release with 503 before checking the credentials when an owner of the batch’s events is unreachable', async () => {
    const { service, state, stored, calls } = setup();
    state.unreachable = 'inventory';
    await expect(service.sign(BATCH, RELEASE, QA, 'token-qa')).rejects.toMatchObject({ status: 503, code: 'event-head-unavailable' });
    expect(calls).toEqual([]);
    expect(stored).toEqual([]);
  });

  it('should reject without asking the owners when the decision is a rejection', async () => {
    const { service, state, asked } = setup();
    state.unreachable = 'batch-record';
    await expect(service.sign(BATCH, REJECT, QA, 'token-qa')).resolves.toMatchObject({ decision: 'rejected' });
    expect(asked).toEqual([]);
  });

  it('should show a gap in what arrived in the readiness view without asking the owners', async () => {
    const { service, state, asked } = setup();
    state.applied['batch-record'] = state.applied['batch-record'].filter((e) => e.sequence !== 2);
    const readiness = await service.readiness(BATCH);
    expect(readiness.blockers).toEqual([{ field: 'events.batch-record', reason: 'waiting for events 2..2 from batch-record' }]);
    expect(asked).toEqual([]);
  });

  it('should show qc-release’s own pending dead letter for the batch in the readiness view', async () => {
    const { service, state } = setup();
    state.deadLetters['qc-release'] = 1;
    const readiness = await service.readiness(BATCH);
    expect(readiness.blockers.map((b) => b.field)).toEqual(['deadLetters.qc-release']);
  });
});
