import { StepAction, StepCompletedV1, createEvent } from '@mes/contracts';
import { platformTwin, twinManager } from '@mes/testing';
import { LotConsumptionEntity } from './lot-consumption.entity';
import { LotEntity } from './lot.entity';
import { LotRepository } from './lot.repository';
import { LotClocksService } from './lot-clocks.service';
import { LotConsumptionService } from './lot-consumption.service';
import { StepMaterialsService } from './step-materials.service';
import { newLot } from './lots.service';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const BATCH = '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const LOT_A = '11111111-1111-4111-8111-111111111111';
const LOT_B = '44444444-4444-4444-8444-444444444444';
const tx = twinManager();

function setup() {
  const p = platformTwin({ now: NOW, producer: 'inventory' });
  const lots = new Map<string, LotEntity>();
  const consumptions: LotConsumptionEntity[] = [];
  const calls: string[] = [];
  const repo = {
    save: async (_tx: unknown, l: LotEntity) => (lots.set(l.id, l), l),
    findForUpdate: async (_tx: unknown, id: string) => (calls.push(`lock ${id}`), lots.get(id) ?? null),
    insertConsumption: async (_tx: unknown, c: LotConsumptionEntity) => {
      if (consumptions.some((x) => x.sourceEventId === c.sourceEventId && x.actionIndex === c.actionIndex)) return false;
      consumptions.push(c);
      return true;
    },
  };
  const append = p.audit.append.bind(p.audit);
  jest.spyOn(p.audit, 'append').mockImplementation(async (tx, entry) => (calls.push('audit'), append(tx, entry)));
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const r = repo as unknown as LotRepository;
  const clocks = new LotClocksService(r, p.outbox, p.timers, p.audit, p.clock, logger);
  const service = new StepMaterialsService(clocks, new LotConsumptionService(r, p.outbox, p.clock, logger), p.audit);
  const addLot = (id: string, over: Partial<LotEntity> = {}) => {
    const lot = newLot(
      { materialCode: 'IL2-CYTOKINE', supplierLot: 'S-1', quantity: 10, unit: 'vial', status: 'released' },
      new Date(NOW.getTime() + 30 * DAY),
      'seed',
      NOW,
      id,
    );
    Object.assign(lot, over);
    lots.set(id, lot);
    return lot;
  };
  return { lots, consumptions, calls, events: p.outbox.recorded, scheduled: p.timers.timers, audit: p.audit.entries, service, addLot };
}

const consume = (lotId: string, quantity: number, over: Partial<{ materialCode: string; unit: string }> = {}): StepAction => ({
  kind: 'consume-material',
  lotId,
  materialCode: 'IL2-CYTOKINE',
  quantity,
  unit: 'vial',
  ...over,
});

const step = (actions: StepAction[]) =>
  createEvent(
    StepCompletedV1,
    {
      batchId: BATCH,
      orderId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      coi: 'COI-AB12-CD34',
      clinicId: 'CLINIC-A',
      stepCode: 'ACTIVATION',
      stepName: 'Activation',
      sequence: 2,
      values: {},
      actions,
      completedBy: 'operator',
      completedAt: '2026-03-01T10:00:00.000Z',
    },
    { producer: 'batch-record', subject: BATCH },
  );

describe(StepMaterialsService.name, () => {
  it('should draw down the lot and announce the absolute remaining quantity when a step consumes it', async () => {
    const { service, addLot, lots, events, consumptions } = setup();
    addLot(LOT_A);
    await service.apply(tx, step([consume(LOT_A, 3)]));
    expect(lots.get(LOT_A)?.quantity).toBe(7);
    expect(events.map(({ type, data }) => ({ type, data }))).toEqual([
      {
        type: 'inventory.lot.quantity-changed',
        data: {
          lotId: LOT_A,
          materialCode: 'IL2-CYTOKINE',
          quantityRemaining: 7,
          unit: 'vial',
          batchId: BATCH,
          changedAt: NOW.toISOString(),
        },
      },
    ]);
    expect(consumptions).toEqual([
      expect.objectContaining({
        lotId: LOT_A,
        batchId: BATCH,
        stepCode: 'ACTIVATION',
        quantity: 3,
        quantityBefore: 10,
        quantityAfter: 7,
        consumedBy: 'operator',
        misuseReason: null,
      }),
    ]);
  });

  it('should leave a used-up lot released with quantity 0 when the last of it is consumed', async () => {
    const { service, addLot, lots, events } = setup();
    addLot(LOT_A);
    await service.apply(tx, step([consume(LOT_A, 10)]));
    expect(lots.get(LOT_A)).toMatchObject({ status: 'released', quantity: 0 });
    expect(events.map((e) => e.type)).toEqual(['inventory.lot.quantity-changed']);
  });

  it('should report misuse and stop at 0 when the step consumed more than the lot holds', async () => {
    const { service, addLot, lots, events } = setup();
    addLot(LOT_A, { quantity: 2 });
    await service.apply(tx, step([consume(LOT_A, 5)]));
    expect(lots.get(LOT_A)?.quantity).toBe(0);
    expect(events.find((e) => e.type === 'inventory.lot.misuse-detected')?.data).toMatchObject({
      lotId: LOT_A,
      batchId: BATCH,
      stepCode: 'ACTIVATION',
      usedAt: '2026-03-01T10:00:00.000Z',
      reason: 'insufficient quantity: the step consumed 5 vial, 2 vial on record',
    });
  });

  it('should report misuse when a quarantined lot was consumed on stale facts', async () => {
    const { service, addLot, events } = setup();
    addLot(LOT_A, { status: 'quarantine' });
    await service.apply(tx, step([consume(LOT_A, 1)]));
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([
      ['inventory.lot.misuse-detected', 'lot status was quarantine'],
      ['inventory.lot.quantity-changed', undefined],
    ]);
  });

  it('should key a misuse by the batch and the quantity change by the lot when an unusable lot was consumed', async () => {
    const { service, addLot, events } = setup();
    addLot(LOT_A, { status: 'quarantine' });
    await service.apply(tx, step([consume(LOT_A, 1)]));
    expect(events.map((e) => [e.type, e.subject])).toEqual([
      ['inventory.lot.misuse-detected', BATCH],
      ['inventory.lot.quantity-changed', LOT_A],
    ]);
  });

  it('should report misuse when the lot expired at its shelf-life date before the step used it', async () => {
    const { service, addLot, events } = setup();
    addLot(LOT_A, { expiresAt: new Date('2026-03-01T09:00:00.000Z') });
    await service.apply(tx, step([consume(LOT_A, 1)]));
    expect(events[0]).toMatchObject({ type: 'inventory.lot.misuse-detected', data: { reason: 'lot expired at 2026-03-01T09:00:00.000Z' } });
  });

  it('should report an unknown lot and record nothing when the lot does not exist', async () => {
    const { service, events, consumptions, audit } = setup();
    await service.apply(tx, step([consume(LOT_A, 1)]));
    expect(events.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: 'inventory.lot.misuse-detected', data: expect.objectContaining({ lotId: LOT_A, reason: 'unknown lot' }) },
    ]);
    expect(consumptions).toEqual([]);
    expect(audit).toEqual([]);
  });

  it('should change nothing when the same event is applied twice', async () => {
    const { service, addLot, lots, events, audit } = setup();
    addLot(LOT_A);
    const event = step([consume(LOT_A, 3)]);
    await service.apply(tx, event);
    await service.apply(tx, event);
    expect(lots.get(LOT_A)?.quantity).toBe(7);
    expect(events).toHaveLength(1);
    expect(audit).toHaveLength(1);
  });

  it('should count each action when one step consumes the same lot twice', async () => {
    const { service, addLot, lots } = setup();
    addLot(LOT_A);
    await service.apply(tx, step([consume(LOT_A, 2), consume(LOT_A, 3)]));
    expect(lots.get(LOT_A)?.quantity).toBe(5);
  });

  it('should audit who consumed how much, old and new quantity, after every lot is locked', async () => {
    const { service, addLot, audit, calls } = setup();
    addLot(LOT_A);
    addLot(LOT_B, { materialCode: 'TEXMACS-MEDIUM', unit: 'bag' });
    await service.apply(tx, step([consume(LOT_B, 1, { materialCode: 'TEXMACS-MEDIUM', unit: 'bag' }), consume(LOT_A, 2)]));
    expect(calls).toEqual([`lock ${LOT_A}`, `lock ${LOT_B}`, 'audit', 'audit']);
    expect(audit[0]).toMatchObject({
      actor: { id: 'operator', name: 'operator' },
      action: 'update',
      entity: 'reagent_lot',
      entityId: LOT_A,
      oldValue: { quantity: 10 },
      newValue: {
        quantity: 8,
        consumption: expect.objectContaining({ batchId: BATCH, stepCode: 'ACTIVATION', quantity: 2, unit: 'vial' }),
      },
      reason: `consumed 2 vial in batch ${BATCH} step ACTIVATION`,
    });
  });

  it('should thaw before consuming when one step thaws and consumes the same lot', async () => {
    const { service, addLot, lots, events } = setup();
    addLot(LOT_A);
    await service.apply(
      tx,
      step([{ kind: 'thaw-material', lotId: LOT_A, materialCode: 'IL2-CYTOKINE', useByHours: 4 }, consume(LOT_A, 1)]),
    );
    expect(lots.get(LOT_A)).toMatchObject({ quantity: 9, useBy: new Date('2026-03-01T14:00:00.000Z') });
    expect(events.map((e) => e.type)).toEqual(['inventory.lot.thawed', 'inventory.lot.quantity-changed']);
  });

  it('should ignore actions that belong to other services', async () => {
    const { service, events, calls } = setup();
    await service.apply(tx, step([{ kind: 'draw-release-samples', testPlan: 'CAR-T-RELEASE' }]));
    expect(events).toEqual([]);
    expect(calls).toEqual([]);
  });
});
