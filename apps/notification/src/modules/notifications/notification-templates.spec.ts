import {
  ApheresisHoldExpiredV1,
  ApheresisHoldWarningV1,
  ApheresisReceivedV1,
  BatchCompletedV1,
  BatchStartedV1,
  DispositionSignedV1,
  ExpectedReleaseDateSetV1,
  OrderPlacedV1,
  StepCompletedV1,
  TestOverdueV1,
  createEvent,
} from '@mes/contracts';
import { ClinicContext } from '../clinic-directory/clinic-directory.types';
import { draftNotification } from './notification-templates';

const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const batchId = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const coi = 'COI-AB12-CD34';
const meta = { producer: 'test', subject: orderId };
const ctx: ClinicContext = { clinicId: 'CLINIC-A', coi, orderId, batchId, lotNumber: 'LOT-0042' };

describe(draftNotification.name, () => {
  it('should confirm the slot with its date when an order is placed', () => {
    const event = createEvent(
      OrderPlacedV1,
      { orderId, coi, clinicId: 'CLINIC-A', productCode: 'CD19-CAR-T', slotDate: '2026-12-01', placedBy: 'clinic-a' },
      meta,
    );
    const draft = draftNotification(event, { ...ctx, batchId: null, lotNumber: null });
    expect(draft).toMatchObject({ kind: 'slot-confirmed', severity: 'info', title: `Manufacturing slot confirmed for ${coi}` });
    expect(draft?.body).toContain('1 December 2026');
  });

  it('should tell the clinic the hold time when the apheresis bag is received', () => {
    const event = createEvent(
      ApheresisReceivedV1,
      {
        orderId,
        coi,
        clinicId: 'CLINIC-A',
        bagId: 'BAG-1',
        collectedAt: '2026-12-01T08:00:00Z',
        receivedAt: '2026-12-01T12:30:00Z',
        holdTimeHours: 48,
        receivedBy: 'operator',
      },
      meta,
    );
    const draft = draftNotification(event, ctx);
    expect(draft).toMatchObject({ kind: 'apheresis-received', severity: 'info' });
    expect(draft?.body).toContain('48 hours');
    expect(draft?.body).toContain('1 December 2026 at 12:30 UTC');
  });

  it('should name the lot when manufacturing starts', () => {
    const event = createEvent(
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
    expect(draftNotification(event, ctx)).toMatchObject({
      kind: 'manufacturing-started',
      severity: 'info',
      title: `Manufacturing started for ${coi}`,
    });
  });

  it('should report the step, without its readings, when a manufacturing step is completed', () => {
    const event = createEvent(
      StepCompletedV1,
      {
        batchId,
        orderId,
        coi,
        clinicId: 'CLINIC-A',
        stepCode: 'EXPANSION',
        stepName: 'Expansion',
        sequence: 3,
        values: { totalViableCells: 4.2 },
        actions: [],
        completedBy: 'operator',
        completedAt: '2026-12-05T14:00:00Z',
      },
      meta,
    );
    const draft = draftNotification(event, ctx);
    expect(draft).toMatchObject({
      kind: 'manufacturing-progress',
      severity: 'info',
      stepCode: 'EXPANSION',
      title: `Manufacturing progress for ${coi}: Expansion done`,
    });
    expect(draft?.body).not.toContain('4.2');
  });

  it('should state the date and say nothing changed when the expected release date is first set', () => {
    const event = createEvent(
      ExpectedReleaseDateSetV1,
      { batchId, expectedReleaseAt: '2026-12-16T10:00:00Z', previousExpectedReleaseAt: null },
      meta,
    );
    const draft = draftNotification(event, ctx);
    expect(draft).toMatchObject({ kind: 'expected-release-date', severity: 'info', title: `Expected release date for ${coi}` });
    expect(draft?.body).toContain('16 December 2026 at 10:00 UTC');
    expect(draft?.body).not.toContain('changed from');
  });

  it('should say what it changed from, as a warning, when the expected release date moves later', () => {
    const event = createEvent(
      ExpectedReleaseDateSetV1,
      { batchId, expectedReleaseAt: '2026-12-18T10:00:00Z', previousExpectedReleaseAt: '2026-12-16T10:00:00Z' },
      meta,
    );
    const draft = draftNotification(event, ctx);
    expect(draft).toMatchObject({ kind: 'expected-release-date', severity: 'warning', title: `Expected release date changed for ${coi}` });
    expect(draft?.body).toContain('changed from 16 December 2026 at 10:00 UTC');
  });

  it('should stay informational when the expected release date moves earlier', () => {
    const event = createEvent(
      ExpectedReleaseDateSetV1,
      { batchId, expectedReleaseAt: '2026-12-15T10:00:00Z', previousExpectedReleaseAt: '2026-12-16T10:00:00Z' },
      meta,
    );
    expect(draftNotification(event, ctx)?.severity).toBe('info');
  });

  it('should announce a release as info and a rejection as critical with its reason', () => {
    const signed = { batchId, reason: null, signedBy: 'qa', signedByName: 'Alex QA-Person', signedAt: '2026-12-16T11:00:00Z' };
    const released = draftNotification(createEvent(DispositionSignedV1, { ...signed, decision: 'released' }, meta), ctx);
    const rejected = draftNotification(
      createEvent(DispositionSignedV1, { ...signed, decision: 'rejected', reason: 'sterility out of specification' }, meta),
      ctx,
    );
    expect(released).toMatchObject({ kind: 'released', severity: 'info', title: `Product released for ${coi}` });
    expect(released?.body).toContain('lot LOT-0042');
    expect(rejected).toMatchObject({ kind: 'rejected', severity: 'critical', title: `Product rejected for ${coi}` });
    expect(rejected?.body).toContain('sterility out of specification');
  });

  it('should warn before and raise a critical alert after the apheresis hold time runs out', () => {
    const warning = createEvent(
      ApheresisHoldWarningV1,
      { orderId, coi, bagId: 'BAG-1', holdUntil: '2026-12-03T08:00:00Z', hoursLeft: 5.6 },
      meta,
    );
    const expired = createEvent(ApheresisHoldExpiredV1, { orderId, coi, bagId: 'BAG-1', holdUntil: '2026-12-03T08:00:00Z' }, meta);
    expect(draftNotification(warning, ctx)).toMatchObject({ kind: 'apheresis-hold-warning', severity: 'warning' });
    expect(draftNotification(warning, ctx)?.body).toContain('about 6 hours');
    expect(draftNotification(expired, ctx)).toMatchObject({ kind: 'apheresis-hold-expired', severity: 'critical' });
  });

  it('should warn that the release may move when a release test is late', () => {
    const event = createEvent(TestOverdueV1, { testOrderId: orderId, batchId, testCode: 'sterility', dueAt: '2026-12-15T00:00:00Z' }, meta);
    const draft = draftNotification(event, ctx);
    expect(draft).toMatchObject({ kind: 'release-test-late', severity: 'warning', title: `Release test result late for ${coi}` });
    expect(draft?.body).toContain('sterility');
  });

  it('should identify the patient only by COI when the event carries the operator name', () => {
    const event = createEvent(
      DispositionSignedV1,
      { batchId, decision: 'released', reason: null, signedBy: 'qa', signedByName: 'Alex QA-Person', signedAt: '2026-12-16T11:00:00Z' },
      meta,
    );
    const draft = draftNotification(event, ctx);
    expect(`${draft?.title} ${draft?.body}`).toContain(coi);
    expect(`${draft?.title} ${draft?.body}`).not.toContain('Alex');
  });

  it('should return null when the clinic need not hear about the event', () => {
    const event = createEvent(BatchCompletedV1, { batchId, orderId, coi, clinicId: 'CLINIC-A', completedAt: '2026-12-10T00:00:00Z' }, meta);
    expect(draftNotification(event, ctx)).toBeNull();
  });
});
