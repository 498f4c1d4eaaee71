import { AuthUser } from '@mes/platform';
import { platformTwin } from '@mes/testing';
import { TestOrderEntity } from './test-order.entity';
import { TestOrderRepository } from './test-order.repository';
import { TestResultService } from './test-result.service';
import { CAR_T_RELEASE } from './test-plan';

const NOW = new Date('2026-03-05T09:00:00.000Z');
const BATCH = '0b8e7a52-3c1f-4d55-9a57-8f1f1c0e2a01';
const ORDER = '1c8e7a52-3c1f-4d55-9a57-8f1f1c0e2a02';
const ANALYST: AuthUser = { id: 'u-qc', username: 'qc', name: 'Quinn QC', roles: ['qc-analyst'], clinicId: null };

function setup(over: Partial<TestOrderEntity> = {}) {
  const endotoxin = CAR_T_RELEASE.tests.find((t) => t.code === 'endotoxin')!;
  const order = Object.assign(new TestOrderEntity(), {
    id: ORDER,
    batchId: BATCH,
    testPlan: CAR_T_RELEASE.code,
    testCode: endotoxin.code,
    testName: endotoxin.name,
    specification: endotoxin.specification,
    status: 'pending',
    sampledAt: new Date('2026-03-04T09:00:00.000Z'),
    dueAt: new Date('2026-03-05T09:00:00.000Z'),
    createdAt: new Date('2026-03-04T09:00:00.000Z'),
    overdueAt: null,
    result: null,
    conforms: null,
    resultComment: null,
    recordedBy: null,
    recordedByName: null,
    recordedAt: null,
    correctedBy: null,
    correctedByName: null,
    correctedAt: null,
    correctionReason: null,
    closedAt: null,
    ...over,
  } satisfies TestOrderEntity);
  const orders = { lock: async () => order, save: async () => undefined };
  const p = platformTwin({ now: NOW, producer: 'qc-release' });
  const service = new TestResultService(p.uow, orders as unknown as TestOrderRepository, p.outbox, p.timers, p.audit, p.clock);
  return { service, order, events: p.outbox.recorded, audited: p.audit.entries };
}

describe(TestResultService.name, () => {
  it('should record the result, announce it and audit who entered what when a first result comes in', async () => {
    const { service, events, audited } = setup();
    const view = await service.record(ORDER, { result: 1.2 }, ANALYST);
    expect(view).toMatchObject({ status: 'resulted', result: 1.2, conforms: true, recordedBy: 'u-qc' });
    expect(events).toMatchObject([
      { type: 'qc-release.test-order.result-recorded', data: expect.objectContaining({ result: 1.2, conforms: true }) },
    ]);
    expect(audited).toEqual([
      expect.objectContaining({
        actor: ANALYST,
        action: 'update',
        entity: 'qc_test_order',
        entityId: ORDER,
        oldValue: expect.objectContaining({ status: 'pending', result: null }),
        newValue: expect.objectContaining({ status: 'resulted', result: 1.2 }),
      }),
    ]);
  });

  it('should refuse with 409 result-already-recorded when the order has a result', async () => {
    const { service, audited } = setup({ status: 'resulted', result: 1.2, conforms: true, recordedBy: 'u-qc', recordedAt: NOW });
    await expect(service.record(ORDER, { result: 2 }, ANALYST)).rejects.toMatchObject({ status: 409, code: 'result-already-recorded' });
    expect(audited).toEqual([]);
  });

  it('should replace the result, keep the original entry and audit old, new and why when a result is corrected', async () => {
    const recordedAt = new Date('2026-03-05T08:00:00.000Z');
    const { service, events, audited } = setup({
      status: 'resulted',
      result: 7.5,
      conforms: false,
      recordedBy: 'u-qc0',
      recordedByName: 'Other',
      recordedAt,
    });
    const view = await service.correct(ORDER, { result: 0.75, reason: 'decimal point misplaced' }, ANALYST);
    expect(view).toMatchObject({
      result: 0.75,
      conforms: true,
      recordedBy: 'u-qc0',
      correctedBy: 'u-qc',
      correctionReason: 'decimal point misplaced',
    });
    expect(events[0].data).toMatchObject({ result: 0.75, conforms: true, recordedBy: 'u-qc', recordedAt: NOW.toISOString() });
    expect(audited).toEqual([
      expect.objectContaining({
        actor: ANALYST,
        oldValue: expect.objectContaining({ result: 7.5, conforms: false }),
        newValue: expect.objectContaining({ result: 0.75, conforms: true, correctionReason: 'decimal point misplaced' }),
        reason: 'decimal point misplaced',
      }),
    ]);
  });

  it('should refuse with 409 no-result-to-correct when the order has no result yet', async () => {
    const { service } = setup();
    await expect(service.correct(ORDER, { result: 1, reason: 'x' }, ANALYST)).rejects.toMatchObject({
      status: 409,
      code: 'no-result-to-correct',
    });
  });

  it('should refuse with 422 correction-unchanged when the corrected value equals the recorded one', async () => {
    const { service } = setup({ status: 'resulted', result: 1.2, conforms: true, recordedBy: 'u-qc', recordedAt: NOW });
    await expect(service.correct(ORDER, { result: 1.2, reason: 'x' }, ANALYST)).rejects.toMatchObject({
      status: 422,
      code: 'correction-unchanged',
    });
  });

  it('should refuse with 409 disposition-signed and write nothing when the disposition froze the results', async () => {
    const { service, events, audited } = setup({
      status: 'resulted',
      result: 1.2,
      conforms: true,
      recordedBy: 'u-qc',
      recordedAt: NOW,
      closedAt: NOW,
    });
    await expect(service.correct(ORDER, { result: 0.5, reason: 'x' }, ANALYST)).rejects.toMatchObject({
      status: 409,
      code: 'disposition-signed',
    });
    expect([events, audited]).toEqual([[], []]);
  });

  it('should refuse with 400 on result when the corrected value is outside the measurable range', async () => {
    const { service } = setup({ status: 'resulted', result: 1.2, conforms: true, recordedBy: 'u-qc', recordedAt: NOW });
    await expect(service.correct(ORDER, { result: 'growth', reason: 'x' }, ANALYST)).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'result' }],
    });
  });
});
