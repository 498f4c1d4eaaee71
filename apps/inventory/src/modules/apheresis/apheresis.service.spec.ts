import { ApheresisReceivedV1, BatchStartedV1, createEvent } from '@mes/contracts';
import { platformTwin, twinManager } from '@mes/testing';
import { ApheresisUnitEntity } from './apheresis-unit.entity';
import { ApheresisRepository } from './apheresis.repository';
import { ApheresisService } from './apheresis.service';
import { OrderBatchStartEntity } from './order-batch-start.entity';

const ORDER = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const tx = twinManager();

class FakeUnits {
  units = new Map<string, ApheresisUnitEntity>();
  starts = new Map<string, OrderBatchStartEntity>();
  lockOrder = async () => undefined;
  insert = async (_tx: unknown, u: ApheresisUnitEntity) => (this.units.has(u.orderId) ? false : (this.units.set(u.orderId, u), true));
  save = async (_tx: unknown, u: ApheresisUnitEntity) => (this.units.set(u.orderId, u), u);
  findForUpdate = async (_tx: unknown, id: string) => this.units.get(id) ?? null;
  recordBatchStart = async (_tx: unknown, s: OrderBatchStartEntity) => void (this.starts.has(s.orderId) || this.starts.set(s.orderId, s));
  findBatchStart = async (_tx: unknown, id: string) => this.starts.get(id) ?? null;
}

function setup(now = '2026-03-01T12:00:00.000Z') {
  const p = platformTwin({ now, producer: 'inventory' });
  const units = new FakeUnits();
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const service = new ApheresisService(units as unknown as ApheresisRepository, p.outbox, p.timers, p.audit, p.clock, logger);
  const cancelled = () => p.timers.timers.filter((t) => t.state === 'cancelled').map((t) => t.kind);
  return { clock: p.clock, units, events: p.outbox.recorded, scheduled: p.timers.timers, cancelled, audited: p.audit.entries, service };
}

const received = (collectedAt: string, holdTimeHours: number) =>
  createEvent(
    ApheresisReceivedV1,
    {
      orderId: ORDER,
      coi: 'COI-AB12-CD34',
      clinicId: 'CLINIC-A',
      bagId: 'BAG-1',
      collectedAt,
      receivedAt: '2026-03-01T12:00:00.000Z',
      holdTimeHours,
      receivedBy: 'operator',
    },
    { producer: 'batch-record', subject: ORDER },
  );

const started = () =>
  createEvent(
    BatchStartedV1,
    {
      batchId: '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      lotNumber: 'L-1',
      orderId: ORDER,
      coi: 'COI-AB12-CD34',
      clinicId: 'CLINIC-A',
      mbrCode: 'CART',
      mbrVersion: 1,
      startedAt: '2026-03-01T13:00:00.000Z',
      startedBy: 'operator',
    },
    { producer: 'batch-record', subject: ORDER },
  );

describe(ApheresisService.name, () => {
  it('should start the hold and schedule warning and expiry when the apheresis is received', async () => {
    const { service, events, scheduled, units } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    expect(units.units.get(ORDER)?.state).toBe('on-hold');
    expect(events.map((e) => e.type)).toEqual(['inventory.apheresis.hold-started']);
    expect(scheduled.map((t) => [t.kind, t.dueAt.toISOString()])).toEqual([
      ['apheresis-hold-warning', '2026-03-02T20:00:00.000Z'],
      ['apheresis-hold-expiry', '2026-03-03T08:00:00.000Z'],
    ]);
  });

  it('should schedule the warning in the past so it fires at once when the receipt is late', async () => {
    const { service, scheduled, clock } = setup();
    await service.startHold(tx, received('2026-02-28T13:00:00.000Z', 30));
    const warning = scheduled.find((t) => t.kind === 'apheresis-hold-warning');
    expect(warning!.dueAt.getTime()).toBeLessThan(clock.now().getTime());
  });

  it('should schedule only the expiry when the hold is already over at receipt', async () => {
    const { service, scheduled } = setup();
    await service.startHold(tx, received('2026-02-27T08:00:00.000Z', 24));
    expect(scheduled.map((t) => t.kind)).toEqual(['apheresis-hold-expiry']);
  });

  it('should change nothing when the same order is received twice', async () => {
    const { service, events, scheduled } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.startHold(tx, received('2026-03-01T09:00:00.000Z', 48));
    expect(events).toHaveLength(1);
    expect(scheduled).toHaveLength(2);
  });

  it('should put the unit in process and cancel both timers when the batch starts', async () => {
    const { service, units, cancelled } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.markInProcess(tx, started());
    expect(units.units.get(ORDER)).toMatchObject({ state: 'in-process', batchId: '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' });
    expect(cancelled().sort()).toEqual(['apheresis-hold-expiry', 'apheresis-hold-warning']);
  });

  it('should start no clock when the batch start arrived before the receipt', async () => {
    const { service, units, scheduled, events } = setup();
    await service.markInProcess(tx, started());
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    expect(units.units.get(ORDER)?.state).toBe('in-process');
    expect(scheduled).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['inventory.apheresis.hold-started']);
  });

  it('should warn with the hours left per the clock when the warning fires', async () => {
    const { service, events, clock } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    clock.set(new Date('2026-03-02T22:30:00.000Z'));
    await service.warn(tx, ORDER);
    expect(events[1]).toMatchObject({ type: 'inventory.apheresis.hold-warning', data: expect.objectContaining({ hoursLeft: 9.5 }) });
  });

  it('should neither warn nor expire when manufacturing has started', async () => {
    const { service, events } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.markInProcess(tx, started());
    await service.warn(tx, ORDER);
    await service.expire(tx, ORDER);
    expect(events.map((e) => e.type)).toEqual(['inventory.apheresis.hold-started']);
  });

  it('should expire the unit once when the expiry fires', async () => {
    const { service, events, units } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.expire(tx, ORDER);
    await service.expire(tx, ORDER);
    expect(units.units.get(ORDER)?.state).toBe('expired');
    expect(events.filter((e) => e.type === 'inventory.apheresis.hold-expired')).toHaveLength(1);
  });

  it('should audit receipt, batch start and nothing more when the unit goes into manufacturing', async () => {
    const { service, audited } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.markInProcess(tx, started());
    await service.expire(tx, ORDER);
    expect(audited.map((e) => [e.action, e.entity, e.actor.id])).toEqual([
      ['create', 'apheresis_unit', 'operator'],
      ['update', 'apheresis_unit', 'operator'],
    ]);
    expect(audited[1]).toMatchObject({
      oldValue: expect.objectContaining({ state: 'on-hold' }),
      newValue: expect.objectContaining({ state: 'in-process' }),
    });
  });

  it('should audit the expiry as a system change when the hold runs out', async () => {
    const { service, audited } = setup();
    await service.startHold(tx, received('2026-03-01T08:00:00.000Z', 48));
    await service.expire(tx, ORDER);
    expect(audited[1]).toMatchObject({
      action: 'update',
      actor: { id: 'system' },
      newValue: expect.objectContaining({ state: 'expired' }),
    });
  });
});
