import { StepCompletedV1, createEvent } from '@mes/contracts';
import { AuthUser } from '@mes/platform';
import { platformTwin, twinManager } from '@mes/testing';
import { AuditHistoryRepository } from '../inventory-audit';
import { LotEntity } from './lot.entity';
import { LotRepository } from './lot.repository';
import { LotClocksService } from './lot-clocks.service';
import { LotConsumptionService } from './lot-consumption.service';
import { StepMaterialsService } from './step-materials.service';
import { LotsService, newLot } from './lots.service';

const USER: AuthUser = { id: 'u1', username: 'materials', name: 'Mia', roles: ['materials'], clinicId: null };
const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const tx = twinManager();

function setup() {
  const p = platformTwin({ now: NOW, producer: 'inventory' });
  const lots = new Map<string, LotEntity>();
  const repo = {
    insert: async (_tx: unknown, l: LotEntity) => (lots.set(l.id, l), true),
    save: async (_tx: unknown, l: LotEntity) => (lots.set(l.id, l), l),
    findForUpdate: async (_tx: unknown, id: string) => lots.get(id) ?? null,
    insertConsumption: async () => true,
  };
  const cancel = jest.spyOn(p.timers, 'cancel');
  const r = repo as unknown as LotRepository;
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const service = new LotsService(p.uow, r, p.outbox, p.timers, p.audit, {} as AuditHistoryRepository, p.clock);
  const clocks = new LotClocksService(r, p.outbox, p.timers, p.audit, p.clock, logger);
  const materials = new StepMaterialsService(clocks, new LotConsumptionService(r, p.outbox, p.clock, logger), p.audit);
  return {
    clock: p.clock,
    lots,
    audit: p.audit.entries,
    events: p.outbox.recorded,
    scheduled: p.timers.timers,
    cancelled: () => cancel.mock.calls.map((call) => call[1].kind),
    uow: p.uow,
    service,
    clocks,
    materials,
  };
}

const receipt = (expiresAt: Date) => ({
  materialCode: 'IL2-CYTOKINE',
  supplierLot: 'S-1',
  quantity: 10,
  unit: 'vial',
  expiresAt: expiresAt.toISOString(),
  status: 'quarantine' as const,
});
const seedLot = (lots: Map<string, LotEntity>, status: LotEntity['status']) => {
  const lot = newLot(
    { ...receipt(NOW), status: status as 'released' },
    new Date(NOW.getTime() + 30 * DAY),
    'seed',
    NOW,
    '11111111-1111-4111-8111-111111111111',
  );
  lot.status = status;
  lots.set(lot.id, lot);
  return lot;
};

describe(LotsService.name, () => {
  it('should store the lot, announce it and start its shelf-life clock when a lot is received', async () => {
    const { service, events, scheduled, audit } = setup();
    const expiresAt = new Date(NOW.getTime() + 90 * DAY);
    const view = await service.receive(receipt(expiresAt), USER);
    expect(view).toMatchObject({ status: 'quarantine', usable: false, receivedBy: 'materials' });
    expect(events).toMatchObject([
      { type: 'inventory.lot.received', data: expect.objectContaining({ lotId: view.id, status: 'quarantine' }) },
    ]);
    expect(scheduled).toEqual([expect.objectContaining({ kind: 'lot-shelf-life', subjectId: view.id, dueAt: expiresAt })]);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entity: 'reagent_lot', entityId: view.id, actor: USER })]);
  });

  it('should write nothing when the lot is already expired on receipt', async () => {
    const { service, uow, events } = setup();
    await expect(service.receive(receipt(new Date(NOW.getTime() - 1)), USER)).rejects.toMatchObject({
      status: 422,
      code: 'already-expired',
    });
    expect(uow.commits + uow.rollbacks).toBe(0);
    expect(events).toEqual([]);
  });

  it('should cancel both clocks and announce the rejection when a lot is rejected', async () => {
    const { service, lots, events, cancelled } = setup();
    const lot = seedLot(lots, 'released');
    const view = await service.reject(lot.id, 'damaged vials', USER);
    expect(view).toMatchObject({ status: 'rejected', statusReason: 'damaged vials' });
    expect(cancelled().sort()).toEqual(['lot-shelf-life', 'thawed-lot-use-by']);
    expect(events).toMatchObject([
      {
        type: 'inventory.lot.status-changed',
        data: expect.objectContaining({ status: 'rejected', reason: 'damaged vials', changedBy: 'materials' }),
      },
    ]);
  });

  it('should audit who changed the status, from what, to what and why when a lot is rejected', async () => {
    const { service, lots, audit } = setup();
    const lot = seedLot(lots, 'released');
    await service.reject(lot.id, 'damaged vials', USER);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: USER,
        action: 'update',
        entityId: lot.id,
        oldValue: expect.objectContaining({ status: 'released' }),
        newValue: expect.objectContaining({ status: 'rejected', statusReason: 'damaged vials' }),
        reason: 'damaged vials',
      }),
    ]);
  });

  it('should refuse with 404 when the lot does not exist', async () => {
    const { service } = setup();
    await expect(service.release('99999999-1111-4111-8111-111111111111', null, USER)).rejects.toMatchObject({ status: 404 });
  });
});

describe(LotClocksService.name, () => {
  const step = (lotId: string) =>
    createEvent(
      StepCompletedV1,
      {
        batchId: '7f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        orderId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        coi: 'COI-AB12-CD34',
        clinicId: 'CLINIC-A',
        stepCode: 'THAW',
        stepName: 'Thaw IL-2',
        sequence: 2,
        values: {},
        actions: [
          { kind: 'draw-release-samples', testPlan: 'P' },
          { kind: 'thaw-material', lotId, materialCode: 'IL2-CYTOKINE', useByHours: 6 },
        ],
        completedBy: 'operator',
        completedAt: '2026-03-01T10:00:00.000Z',
      },
      { producer: 'batch-record', subject: 'batch' },
    );

  it('should start the use-by clock from the step completion time when a step thaws the lot', async () => {
    const { materials, lots, events, scheduled, audit } = setup();
    const lot = seedLot(lots, 'released');
    await materials.apply(tx, step(lot.id));
    expect(lots.get(lot.id)).toMatchObject({ thawedAt: new Date('2026-03-01T10:00:00.000Z'), useBy: new Date('2026-03-01T16:00:00.000Z') });
    expect(events.map((e) => e.type)).toEqual(['inventory.lot.thawed']);
    expect(scheduled).toEqual([
      expect.objectContaining({ kind: 'thawed-lot-use-by', subjectId: lot.id, dueAt: new Date('2026-03-01T16:00:00.000Z') }),
    ]);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: { id: 'operator', name: 'operator' },
        newValue: expect.objectContaining({ useBy: new Date('2026-03-01T16:00:00.000Z') }),
      }),
    ]);
  });

  it('should expire with reason use-by-after-thaw at the use-by when its timer fires', async () => {
    const { clocks, materials, lots, events, cancelled } = setup();
    const lot = seedLot(lots, 'released');
    await materials.apply(tx, step(lot.id));
    await clocks.expire(tx, lot.id, 'use-by-after-thaw');
    expect(lots.get(lot.id)).toMatchObject({ status: 'expired', expiryReason: 'use-by-after-thaw' });
    expect(events[1]).toMatchObject({
      type: 'inventory.lot.expired',
      data: expect.objectContaining({ reason: 'use-by-after-thaw', expiredAt: '2026-03-01T16:00:00.000Z' }),
    });
    expect(cancelled()).toEqual([]); // the shelf-life timer is left to fire and find the lot expired (no cross-cancel: lock order)
  });

  it('should not expire a rejected lot when its shelf-life timer fires late', async () => {
    const { clocks, lots, events } = setup();
    const lot = seedLot(lots, 'rejected');
    await clocks.expire(tx, lot.id, 'shelf-life');
    expect(lots.get(lot.id)?.status).toBe('rejected');
    expect(events).toEqual([]);
  });
});
