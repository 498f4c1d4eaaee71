import { EntityManager } from 'typeorm';
import {
  BatchStartedV1,
  DispositionSignedV1,
  EventEnvelope,
  ExpectedReleaseDateSetV1,
  OrderPlacedV1,
  ApheresisHoldWarningV1,
  StepCompletedV1,
  createEvent,
} from '@mes/contracts';

import { FakeClock } from '@mes/testing';
import { ClinicDirectoryRepository } from '../clinic-directory/clinic-directory.repository';
import { BatchMapping, ClinicContext, OrderMapping, SubjectRef } from '../clinic-directory/clinic-directory.types';
import { PendingEventRepository } from '../clinic-directory/pending-event.repository';
import { NewNotification, NotificationRepository } from './notification.repository';
import { NotificationIntakeService } from './notification-intake.service';

const key = (ref: SubjectRef) => `${ref.kind}:${ref.id}`;

class FakeDirectory {
  readonly orders = new Map<string, OrderMapping>();
  readonly batches = new Map<string, BatchMapping>();
  readonly locked: string[] = [];
  async lockSubject(_: EntityManager, ref: SubjectRef) {
    this.locked.push(key(ref));
  }
  async learnOrder(_: EntityManager, m: OrderMapping) {
    this.orders.set(m.orderId, m);
  }
  async learnBatch(_: EntityManager, m: BatchMapping) {
    this.batches.set(m.batchId, m);
  }
  async findContext(_: EntityManager, ref: SubjectRef): Promise<ClinicContext | null> {
    if (ref.kind === 'order') {
      const o = this.orders.get(ref.id);
      return o ? { clinicId: o.clinicId, coi: o.coi, orderId: o.orderId, batchId: null, lotNumber: null } : null;
    }
    const b = this.batches.get(ref.id);
    return b ? { clinicId: b.clinicId, coi: b.coi, orderId: b.orderId, batchId: b.batchId, lotNumber: b.lotNumber } : null;
  }
}

class FakePending {
  readonly parked = new Map<string, EventEnvelope[]>();
  async park(_: EntityManager, ref: SubjectRef, envelope: EventEnvelope) {
    this.parked.set(key(ref), [...(this.parked.get(key(ref)) ?? []), JSON.parse(JSON.stringify(envelope))]);
  }
  async take(_: EntityManager, ref: SubjectRef) {
    const events = this.parked.get(key(ref)) ?? [];
    this.parked.delete(key(ref));
    return events;
  }
}

class FakeNotifications {
  readonly stored: NewNotification[] = [];
  async insert(_: EntityManager, n: NewNotification) {
    if (this.stored.some((s) => s.sourceEventId === n.sourceEventId)) return null;
    this.stored.push(n);
    return n;
  }
}

const tx = {} as EntityManager;
const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const batchId = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const coi = 'COI-AB12-CD34';
const meta = { producer: 'test', subject: batchId };

const orderPlaced = () =>
  createEvent(
    OrderPlacedV1,
    { orderId, coi, clinicId: 'CLINIC-A', productCode: 'CD19-CAR-T', slotDate: '2026-12-01', placedBy: 'clinic-a' },
    { ...meta, subject: orderId },
  );
const batchStarted = () =>
  createEvent(
    BatchStartedV1,
    {
      batchId,
      lotNumber: 'LOT-0042',
      orderId,
      coi,
      clinicId: 'CLINIC-A',
      mbrCode: 'MBR',
      mbrVersion: 1,
      startedAt: '2026-12-02T09:00:00Z',
      startedBy: 'operator',
    },
    meta,
  );
const releaseDate = () =>
  createEvent(ExpectedReleaseDateSetV1, { batchId, expectedReleaseAt: '2026-12-16T10:00:00Z', previousExpectedReleaseAt: null }, meta);
const released = () =>
  createEvent(
    DispositionSignedV1,
    { batchId, decision: 'released', reason: null, signedBy: 'qa', signedByName: 'QA', signedAt: '2026-12-16T11:00:00Z' },
    meta,
  );

describe(NotificationIntakeService.name, () => {
  let directory: FakeDirectory;
  let pending: FakePending;
  let notifications: FakeNotifications;
  let service: NotificationIntakeService;

  beforeEach(() => {
    directory = new FakeDirectory();
    pending = new FakePending();
    notifications = new FakeNotifications();
    service = new NotificationIntakeService(
      directory as unknown as ClinicDirectoryRepository,
      pending as unknown as PendingEventRepository,
      notifications as unknown as NotificationRepository,
      new FakeClock(new Date('2026-12-02T10:00:00Z')),
      { log: jest.fn(), error: jest.fn(), warn: jest.fn() },
    );
  });

  it('should notify the clinic named by the event and learn the order when an order is placed', async () => {
    await service.handle(tx, orderPlaced());
    expect(notifications.stored).toMatchObject([{ kind: 'slot-confirmed', clinicId: 'CLINIC-A', orderId, batchId: null, coi }]);
    expect(directory.orders.get(orderId)?.clinicId).toBe('CLINIC-A');
  });

  it('should resolve the clinic through the read model when a qc-release event names only the batch', async () => {
    await service.handle(tx, batchStarted());
    await service.handle(tx, releaseDate());
    expect(notifications.stored.map((n) => [n.kind, n.clinicId, n.batchId])).toEqual([
      ['manufacturing-started', 'CLINIC-A', batchId],
      ['expected-release-date', 'CLINIC-A', batchId],
    ]);
  });

  it('should park an event and notify nothing when its batch is not known yet', async () => {
    await service.handle(tx, releaseDate());
    expect(notifications.stored).toEqual([]);
    expect(pending.parked.get(`batch:${batchId}`)).toHaveLength(1);
  });

  it('should notify parked events in arrival order, after the learning event, when the batch becomes known', async () => {
    const date = releaseDate();
    const disposition = released();
    await service.handle(tx, date);
    await service.handle(tx, disposition);
    await service.handle(tx, batchStarted());
    expect(notifications.stored.map((n) => n.kind)).toEqual(['manufacturing-started', 'expected-release-date', 'released']);
    expect(notifications.stored.map((n) => n.sourceEventId).slice(1)).toEqual([date.eventId, disposition.eventId]);
    expect(notifications.stored.every((n) => n.clinicId === 'CLINIC-A')).toBe(true);
    expect(pending.parked.size).toBe(0);
  });

  it('should release an order-parked inventory event when the order is placed', async () => {
    await service.handle(
      tx,
      createEvent(
        ApheresisHoldWarningV1,
        { orderId, coi, bagId: 'BAG-1', holdUntil: '2026-12-03T08:00:00Z', hoursLeft: 6 },
        { ...meta, subject: orderId },
      ),
    );
    expect(notifications.stored).toEqual([]);
    await service.handle(tx, orderPlaced());
    expect(notifications.stored.map((n) => n.kind)).toEqual(['slot-confirmed', 'apheresis-hold-warning']);
  });

  it('should use the clinic the event names, not park it, when a step completes for a batch the read model lacks', async () => {
    const step = createEvent(
      StepCompletedV1,
      {
        batchId,
        orderId,
        coi,
        clinicId: 'CLINIC-A',
        stepCode: 'HARVEST',
        stepName: 'Harvest',
        sequence: 4,
        values: {},
        actions: [],
        completedBy: 'operator',
        completedAt: '2026-12-05T14:00:00Z',
      },
      meta,
    );
    await service.handle(tx, step);
    expect(notifications.stored).toMatchObject([{ kind: 'manufacturing-progress', clinicId: 'CLINIC-A', batchId, stepCode: 'HARVEST' }]);
    expect(pending.parked.size).toBe(0);
  });

  it('should lock the subject before reading or parking when any event is handled', async () => {
    await service.handle(tx, releaseDate());
    await service.handle(tx, orderPlaced());
    expect(directory.locked).toEqual([`batch:${batchId}`, `order:${orderId}`]);
  });

  it('should keep the event occurrence time and the source event id when it stores a notification', async () => {
    const event = orderPlaced();
    await service.handle(tx, event);
    expect(notifications.stored[0]).toMatchObject({
      sourceEventId: event.eventId,
      sourceEventType: 'batch-record.order.placed',
      occurredAt: new Date(event.occurredAt),
      createdAt: new Date('2026-12-02T10:00:00Z'),
    });
  });
});
