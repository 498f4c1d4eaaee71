import {
  DeadLetterRecordedV1,
  DeviationChangedV1,
  EventData,
  LotMisuseDetectedV1,
  MaterialUseRefusedV1,
  OrderPlacedV1,
  OutboxRowAbandonedV1,
  TimingAlertV1,
  UserLockedV1,
  createEvent,
} from '@mes/contracts';
import { draftStaffAlert } from './staff-alert-rules';

const batchId = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const meta = { producer: 'test', subject: batchId };

const timing = (level: 'warning' | 'missed') =>
  createEvent(
    TimingAlertV1,
    {
      batchId,
      orderId,
      coi: 'COI-AB12-CD34',
      clinicId: 'CLINIC-A',
      lotNumber: 'LOT-0042',
      constraintCode: 'ACTIVATION-WINDOW',
      constraintKind: 'window',
      stepCode: 'ACTIVATION',
      stepName: 'T-cell activation',
      level,
      dueAt: '2026-12-02T09:00:00.000Z',
      raisedAt: '2026-12-02T08:00:00.000Z',
      deviationId: level === 'missed' ? '11111111-2222-4333-8444-555555555555' : null,
    },
    meta,
  );

const deviation = (classification: EventData<typeof DeviationChangedV1>['classification'], state: 'open' | 'closed') =>
  createEvent(
    DeviationChangedV1,
    {
      deviationId: '11111111-2222-4333-8444-555555555555',
      number: 'DEV-2026-0007',
      batchId,
      orderId,
      coi: 'COI-AB12-CD34',
      clinicId: 'CLINIC-A',
      stepCode: 'EXPANSION',
      classification,
      source: 'timing',
      state,
      title: 'Feed missed by 3 h',
      changedAt: '2026-12-03T10:00:00.000Z',
      changedBy: 'supervisor',
    },
    meta,
  );

describe(draftStaffAlert.name, () => {
  it('should alert qa, admin and supervisors with high severity when an account is locked', () => {
    // Arrange
    const event = createEvent(
      UserLockedV1,
      {
        userId: 'u-7',
        username: 'qa',
        displayName: 'Alex QA-Person',
        failedAttempts: 3,
        reason: 'failed-signatures',
        lockedAt: '2026-12-01T08:00:00.000Z',
      },
      { producer: 'identity', subject: 'u-7' },
    );

    // Act
    const draft = draftStaffAlert(event);

    // Assert
    expect(draft).toMatchObject({
      kind: 'account-locked',
      severity: 'high',
      subjectId: 'u-7',
      title: 'Account locked: Alex QA-Person (qa)',
    });
    expect([...(draft?.audience ?? [])].sort()).toEqual(['admin', 'qa', 'supervisor']);
    expect(draft?.body).toContain('3 consecutive failed signatures');
  });

  it('should alert qa and supervisors with high severity when an unusable lot was used', () => {
    // Arrange
    const event = createEvent(
      LotMisuseDetectedV1,
      {
        lotId: '22222222-3333-4444-8555-666666666666',
        materialCode: 'IL-2',
        batchId,
        stepCode: 'EXPANSION',
        usedAt: '2026-12-03T10:00:00.000Z',
        reason: 'lot expired',
      },
      meta,
    );

    // Act
    const draft = draftStaffAlert(event);

    // Assert
    expect(draft).toMatchObject({ kind: 'lot-misuse', severity: 'high', batchId, stepCode: 'EXPANSION', lotNumber: null });
    expect([...(draft?.audience ?? [])].sort()).toEqual(['qa', 'supervisor']);
    expect(draft?.body).toContain('lot expired');
  });

  it('should alert materials and QA once, naming the step and each refused lot, when a step refused an unusable lot', () => {
    // Arrange
    const event = createEvent(
      MaterialUseRefusedV1,
      {
        refusalId: '33333333-3333-4444-8555-666666666666',
        batchId,
        orderId,
        coi: 'COI-AB12-CD34',
        clinicId: 'CLINIC-A',
        lotNumber: 'LOT-0042',
        stepCode: 'EXPANSION',
        refusedBy: 'operator',
        refusedAt: '2026-12-03T10:00:00.000Z',
        lots: [{ lotId: '22222222-3333-4444-8555-666666666666', materialCode: 'IL-2', reason: 'lot is quarantine, not released' }],
      },
      { producer: 'batch-record', subject: '33333333-3333-4444-8555-666666666666' },
    );

    // Act
    const draft = draftStaffAlert(event);

    // Assert
    expect(draft).toMatchObject({ kind: 'material-use-refused', batchId, lotNumber: 'LOT-0042', stepCode: 'EXPANSION' });
    expect(draft?.subjectId).toBe('33333333-3333-4444-8555-666666666666');
    expect([...(draft?.audience ?? [])].sort()).toEqual(['materials', 'qa']);
    expect(draft?.body).toContain('IL-2 lot 22222222-3333-4444-8555-666666666666 (lot is quarantine, not released)');
  });

  it.each([
    ['warning', 'timing-warning', 'medium'],
    ['missed', 'timing-missed', 'high'],
  ] as const)('should alert operators and supervisors when a timing alert is %s', (level, kind, severity) => {
    // Act
    const draft = draftStaffAlert(timing(level));

    // Assert
    expect(draft).toMatchObject({ kind, severity, lotNumber: 'LOT-0042', batchId, stepCode: 'ACTIVATION' });
    expect([...(draft?.audience ?? [])].sort()).toEqual(['operator', 'supervisor']);
  });

  it('should say a deviation was opened when a window was missed', () => {
    // Act
    const draft = draftStaffAlert(timing('missed'));

    // Assert
    expect(draft?.body).toContain('a deviation was opened');
    expect(draft?.title).toBe('Time window missed: T-cell activation (LOT-0042)');
  });

  it.each([
    ['critical', 'open', 'deviation-open', 'high'],
    ['major', 'open', 'deviation-open', 'medium'],
    ['critical', 'closed', 'critical-deviation-closed', 'low'],
  ] as const)('should alert qa and supervisors when a %s deviation is %s', (classification, state, kind, severity) => {
    // Act
    const draft = draftStaffAlert(deviation(classification, state));

    // Assert
    expect(draft).toMatchObject({ kind, severity, subjectId: '11111111-2222-4333-8444-555555555555', batchId });
    expect([...(draft?.audience ?? [])].sort()).toEqual(['qa', 'supervisor']);
  });

  it.each([
    ['minor', 'open'],
    ['minor', 'closed'],
    ['major', 'closed'],
  ] as const)('should raise no alert when a %s deviation is %s', (classification, state) => {
    // Act / Assert
    expect(draftStaffAlert(deviation(classification, state))).toBeNull();
  });

  it('should alert admins with high severity naming the event and key when an outbox row was abandoned', () => {
    // Arrange
    const eventId = '0b9d7a52-1c3e-4f5a-8b6c-7d8e9f0a1b2c';
    const event = createEvent(
      OutboxRowAbandonedV1,
      {
        service: 'batch-record',
        outboxSeq: '42',
        eventId,
        eventType: 'batch-record.batch.step-completed',
        topic: 'mes.batch-record.batch.v1',
        messageKey: batchId,
        attempts: 5,
        lastError: 'MESSAGE_TOO_LARGE: too big',
        abandonedAt: '2026-12-03T10:00:00.000Z',
      },
      { producer: 'batch-record', subject: `outbox-row:${eventId}` },
    );

    // Act
    const alert = draftStaffAlert(event);

    // Assert
    expect(alert).toMatchObject({
      kind: 'outbox-row-abandoned',
      severity: 'high',
      audience: ['admin'],
      title: 'Event not delivered: batch-record.batch.step-completed from batch-record',
      subjectId: eventId,
    });
    expect(alert?.body).toContain(`key ${batchId}`);
  });

  it('should raise no alert for an event staff are not alerted about', () => {
    // Arrange
    const event = createEvent(
      OrderPlacedV1,
      { orderId, coi: 'COI-AB12-CD34', clinicId: 'CLINIC-A', productCode: 'CD19-CAR-T', slotDate: '2026-12-01', placedBy: 'clinic-a' },
      meta,
    );

    // Act / Assert
    expect(draftStaffAlert(event)).toBeNull();
  });

  it('should alert admin and QA with the service, event type and reason when a service dead-letters a message', () => {
    // Arrange
    const deadLetterId = '0b9c2f4e-3d1a-4e5b-8c7d-6f5e4d3c2b1a';
    const event = createEvent(
      DeadLetterRecordedV1,
      {
        deadLetterId,
        service: 'qc-release',
        sourceTopic: 'mes.inventory.lot.v1',
        partition: 1,
        offset: '42',
        eventType: 'inventory.lot.misuse-detected',
        eventVersion: 2,
        reason: 'No handler for inventory.lot.misuse-detected v2 in qc-release (handles v1)',
        attempts: 1,
        recordedAt: '2026-12-02T08:00:00.000Z',
      },
      { producer: 'qc-release', subject: deadLetterId },
    );

    // Act
    const alert = draftStaffAlert(event);

    // Assert
    expect(alert).toMatchObject({ kind: 'dead-letter', severity: 'high', audience: ['admin', 'qa'], subjectId: deadLetterId });
    expect(alert?.title).toBe('qc-release could not process inventory.lot.misuse-detected v2');
    expect(alert?.body).toContain('No handler for inventory.lot.misuse-detected v2 in qc-release (handles v1)');
    expect(alert?.body).toContain(`npm run dead-letters -- qc-release show ${deadLetterId}`);
  });
});
