import {
  ApheresisHoldExpiredV1,
  ApheresisHoldWarningV1,
  ApheresisReceivedV1,
  BatchStartedV1,
  DispositionSignedV1,
  EventEnvelope,
  ExpectedReleaseDateSetV1,
  OrderPlacedV1,
  StepCompletedV1,
  TestOverdueV1,
  isEvent,
} from '@mes/contracts';
import { ClinicContext } from '../clinic-directory/clinic-directory.types';
import { NotificationDraft } from './notification.types';

// Clinics plan chemotherapy around these times; UTC is stated so no reader guesses the facility's zone.
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export const formatDateTime = (iso: string): string => `${dateTime.format(new Date(iso))} UTC`;
export const formatDate = (isoDate: string): string => dateOnly.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

const lot = (ctx: ClinicContext) => (ctx.lotNumber ? `lot ${ctx.lotNumber}` : 'the product');

/**
 * Words for a clinic coordinator: what happened and what it means for their plans. Only the COI identifies
 * the patient (the facility never holds names). Returns null for an event the clinic need not hear about.
 */
export function draftNotification(event: EventEnvelope, ctx: ClinicContext): NotificationDraft | null {
  const coi = ctx.coi;
  if (isEvent(event, OrderPlacedV1)) {
    return {
      kind: 'slot-confirmed',
      severity: 'info',
      title: `Manufacturing slot confirmed for ${coi}`,
      body: `The manufacturing slot for ${coi} (${event.data.productCode}) is confirmed for ${formatDate(event.data.slotDate)}. Please plan the apheresis collection for this slot.`,
    };
  }
  if (isEvent(event, ApheresisReceivedV1)) {
    return {
      kind: 'apheresis-received',
      severity: 'info',
      title: `Apheresis received for ${coi}`,
      body: `The apheresis bag ${event.data.bagId} for ${coi} was received at the facility on ${formatDateTime(event.data.receivedAt)}. It was collected on ${formatDateTime(event.data.collectedAt)} and must enter manufacturing within ${event.data.holdTimeHours} hours of collection.`,
    };
  }
  if (isEvent(event, BatchStartedV1)) {
    return {
      kind: 'manufacturing-started',
      severity: 'info',
      title: `Manufacturing started for ${coi}`,
      body: `Manufacturing of lot ${event.data.lotNumber} for ${coi} started on ${formatDateTime(event.data.startedAt)}. We will tell you the expected release date as soon as testing is planned.`,
    };
  }
  if (isEvent(event, StepCompletedV1)) {
    return {
      kind: 'manufacturing-progress',
      severity: 'info',
      title: `Manufacturing progress for ${coi}: ${event.data.stepName} done`,
      body: `Step ${event.data.sequence} (${event.data.stepName}) of ${lot(ctx)} for ${coi} was completed on ${formatDateTime(event.data.completedAt)}.`,
      stepCode: event.data.stepCode,
    };
  }
  if (isEvent(event, ExpectedReleaseDateSetV1)) {
    const { expectedReleaseAt, previousExpectedReleaseAt } = event.data;
    const later = previousExpectedReleaseAt !== null && Date.parse(expectedReleaseAt) > Date.parse(previousExpectedReleaseAt);
    const changed = previousExpectedReleaseAt === null ? '' : ` This changed from ${formatDateTime(previousExpectedReleaseAt)}.`;
    return {
      kind: 'expected-release-date',
      // A later date can move lymphodepletion and infusion, so it asks for attention; an earlier or first date does not.
      severity: later ? 'warning' : 'info',
      title: previousExpectedReleaseAt === null ? `Expected release date for ${coi}` : `Expected release date changed for ${coi}`,
      body: `The expected release of ${lot(ctx)} for ${coi} is ${formatDateTime(expectedReleaseAt)}.${changed}`,
    };
  }
  if (isEvent(event, DispositionSignedV1)) {
    if (event.data.decision === 'released') {
      return {
        kind: 'released',
        severity: 'info',
        title: `Product released for ${coi}`,
        body: `Quality assurance released ${lot(ctx)} for ${coi} on ${formatDateTime(event.data.signedAt)}. Shipment can now be arranged.`,
      };
    }
    const reason = event.data.reason ? ` Reason given: ${event.data.reason}.` : '';
    return {
      kind: 'rejected',
      severity: 'critical',
      title: `Product rejected for ${coi}`,
      body: `Quality assurance rejected ${lot(ctx)} for ${coi} on ${formatDateTime(event.data.signedAt)}; it will not be shipped.${reason} The facility will contact you about next steps.`,
    };
  }
  if (isEvent(event, ApheresisHoldWarningV1)) {
    return {
      kind: 'apheresis-hold-warning',
      severity: 'warning',
      title: `Apheresis hold time running out for ${coi}`,
      body: `The apheresis material for ${coi} (bag ${event.data.bagId}) must enter manufacturing by ${formatDateTime(event.data.holdUntil)}, about ${Math.max(0, Math.round(event.data.hoursLeft))} hours from now.`,
    };
  }
  if (isEvent(event, ApheresisHoldExpiredV1)) {
    return {
      kind: 'apheresis-hold-expired',
      severity: 'critical',
      title: `Apheresis hold time expired for ${coi}`,
      body: `The apheresis material for ${coi} (bag ${event.data.bagId}) passed its hold time at ${formatDateTime(event.data.holdUntil)} and cannot be used. The facility will contact you to plan a new collection.`,
    };
  }
  if (isEvent(event, TestOverdueV1)) {
    return {
      kind: 'release-test-late',
      severity: 'warning',
      title: `Release test result late for ${coi}`,
      body: `The ${event.data.testCode} release test for ${lot(ctx)} (${coi}) was due on ${formatDateTime(event.data.dueAt)} and has no result yet. The release date may move; we will tell you if it does.`,
    };
  }
  return null;
}
