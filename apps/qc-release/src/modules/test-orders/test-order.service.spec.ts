import { EntityManager } from 'typeorm';
import { ExpectedReleaseDateSetV1, TestOrderCreatedV1, TestOverdueV1 } from '@mes/contracts';
import { platformTwin, twinManager } from '@mes/testing';
import { BatchViewRepository } from '../batches/batch-view.repository';
import { TestOrderEntity } from './test-order.entity';
import { TestOrderRepository } from './test-order.repository';
import { ReleaseTestDueTimer } from './release-test-due.timer';
import { TestOrderService } from './test-order.service';
import { UnknownTestPlanError } from './test-orders.errors';

const BATCH = '0b8e7a52-3c1f-4d55-9a57-8f1f1c0e2a01';
const tx = twinManager();

class FakeOrders {
  rows: TestOrderEntity[] = [];
  async insertIfAbsent(_tx: EntityManager, order: TestOrderEntity) {
    if (this.rows.some((r) => r.batchId === order.batchId && r.testCode === order.testCode)) return false;
    this.rows.push(order);
    return true;
  }
  async listByBatch(batchId: string) {
    return this.rows.filter((r) => r.batchId === batchId);
  }
  async lock(_tx: EntityManager, id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async save() {}
}

function setup() {
  const orders = new FakeOrders();
  const p = platformTwin({ now: '2026-03-01T10:05:00.000Z', producer: 'qc-release' });
  const service = new TestOrderService(
    orders as unknown as TestOrderRepository,
    {} as BatchViewRepository,
    p.outbox,
    p.timers,
    p.audit,
    p.clock,
  );
  const events = p.outbox.recorded;
  return { service, orders, events, scheduled: p.timers.timers, clock: p.clock, audited: p.audit.entries };
}

const drawn = (sampledAt = '2026-03-01T10:00:00.000Z') => ({
  batchId: BATCH,
  testPlan: 'CAR-T-RELEASE',
  sampledAt: new Date(sampledAt),
  stepCode: 'HARVEST',
  completedBy: 'operator',
  correlationId: 'corr-1',
  causationId: 'event-1',
});

describe(TestOrderService.name, () => {
  it('should order every test of the plan with a due timer and announce the release date when samples are drawn', async () => {
    const { service, events, scheduled } = setup();

    const created = await service.orderReleaseTests(tx, drawn());

    expect(created.map((o) => o.testCode).sort()).toEqual(['car-expression', 'endotoxin', 'mycoplasma', 'sterility', 'viability']);
    expect(events.filter((e) => e.type === TestOrderCreatedV1.type)).toHaveLength(5);
    expect(events.every((e) => e.subject === BATCH)).toBe(true);
    expect(scheduled.map((t) => t.kind)).toEqual(Array(5).fill(ReleaseTestDueTimer.kind));
    expect(scheduled.find((t) => t.subjectId === created.find((o) => o.testCode === 'viability')?.id)?.dueAt.toISOString()).toBe(
      '2026-03-01T14:00:00.000Z',
    );
    expect(
      events.filter((e) => e.type === ExpectedReleaseDateSetV1.type).map(({ type, subject, data }) => ({ type, subject, data })),
    ).toEqual([
      {
        type: ExpectedReleaseDateSetV1.type,
        subject: BATCH,
        data: { batchId: BATCH, expectedReleaseAt: '2026-03-15T10:00:00.000Z', previousExpectedReleaseAt: null },
      },
    ]);
  });

  it('should audit each new order as created by the system for the step that drew the samples', async () => {
    const { service, audited } = setup();
    const created = await service.orderReleaseTests(tx, drawn());
    expect(audited).toHaveLength(5);
    expect(audited[0]).toMatchObject({
      actor: { id: 'system' },
      action: 'create',
      entity: 'qc_test_order',
      entityId: created[0].id,
      reason: 'release samples drawn at step HARVEST by operator',
    });
  });

  it('should order nothing and announce nothing when samples are drawn again for the same batch', async () => {
    const { service, orders, events, scheduled, audited } = setup();
    await service.orderReleaseTests(tx, drawn());
    events.length = 0;
    scheduled.length = 0;
    audited.length = 0;

    const created = await service.orderReleaseTests(tx, drawn('2026-03-02T10:00:00.000Z'));

    expect(created).toEqual([]);
    expect(orders.rows).toHaveLength(5);
    expect(events).toEqual([]);
    expect(scheduled).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('should refuse a step when its test plan is unknown', async () => {
    const { service, events } = setup();
    await expect(service.orderReleaseTests(tx, { ...drawn(), testPlan: 'NO-SUCH-PLAN' })).rejects.toBeInstanceOf(UnknownTestPlanError);
    expect(events).toEqual([]);
  });

  it('should mark the order overdue and raise the late-result alert when no result came in by the due time', async () => {
    const { service, events, clock, audited } = setup();
    const [order] = await service.orderReleaseTests(tx, drawn());
    events.length = 0;
    clock.set(order.dueAt);

    expect(await service.markOverdue(tx, order.id)).toBe(true);

    expect(order.status).toBe('overdue');
    expect(order.overdueAt?.toISOString()).toBe(order.dueAt.toISOString());
    expect(audited.at(-1)).toMatchObject({
      action: 'update',
      entityId: order.id,
      oldValue: { status: 'pending' },
      newValue: { status: 'overdue' },
    });
    expect(events.map(({ type, subject, data }) => ({ type, subject, data }))).toEqual([
      {
        type: TestOverdueV1.type,
        subject: BATCH,
        data: { testOrderId: order.id, batchId: BATCH, testCode: order.testCode, dueAt: order.dueAt.toISOString() },
      },
    ]);
  });

  it.each([
    ['the result is in', (o: TestOrderEntity) => Object.assign(o, { status: 'resulted' })],
    ['the disposition is signed', (o: TestOrderEntity) => Object.assign(o, { closedAt: new Date('2026-03-02T00:00:00Z') })],
  ])('should raise no alert when %s', async (_, change) => {
    const { service, events } = setup();
    const [order] = await service.orderReleaseTests(tx, drawn());
    change(order);
    events.length = 0;

    expect(await service.markOverdue(tx, order.id)).toBe(false);
    expect(events).toEqual([]);
  });
});
