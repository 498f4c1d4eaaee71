import {
  ApheresisHoldExpiredV1,
  ApheresisHoldWarningV1,
  ApheresisReceivedV1,
  BatchStartedV1,
  DispositionSignedV1,
  EventDefinition,
  EventEnvelope,
  ExpectedReleaseDateSetV1,
  OrderPlacedV1,
  StepCompletedV1,
  TestOverdueV1,
  isEvent,
} from '@mes/contracts';
import { BatchMapping, ClinicContext, OrderMapping, SubjectRef } from '../clinic-directory/clinic-directory.types';

/** Every event a clinic hears about; the consumer subscribes to exactly these. */
export const NOTIFIED_EVENTS: readonly EventDefinition[] = [
  OrderPlacedV1,
  ApheresisReceivedV1,
  BatchStartedV1,
  StepCompletedV1,
  ExpectedReleaseDateSetV1,
  DispositionSignedV1,
  ApheresisHoldWarningV1,
  ApheresisHoldExpiredV1,
  TestOverdueV1,
];

export type Learned = { kind: 'order'; mapping: OrderMapping } | { kind: 'batch'; mapping: BatchMapping };

export interface EventRoute {
  /** The order or batch whose clinic the notification goes to. */
  subject: SubjectRef;
  /** Set when the event itself names the clinic (batch-record's events), teaching the read model. */
  learns: Learned | null;
  /** The clinic as the event names it, used when the read model does not know the subject (it adds the lot number when it does). */
  named?: ClinicContext;
}

/** How to find the clinic of an event; inventory and qc-release events carry only an order or batch id. */
export function routeOf(event: EventEnvelope): EventRoute | null {
  if (isEvent(event, OrderPlacedV1)) {
    const { orderId, clinicId, coi, slotDate } = event.data;
    return { subject: { kind: 'order', id: orderId }, learns: { kind: 'order', mapping: { orderId, clinicId, coi, slotDate } } };
  }
  if (isEvent(event, ApheresisReceivedV1)) {
    const { orderId, clinicId, coi } = event.data;
    return { subject: { kind: 'order', id: orderId }, learns: { kind: 'order', mapping: { orderId, clinicId, coi, slotDate: null } } };
  }
  if (isEvent(event, BatchStartedV1)) {
    const { batchId, orderId, clinicId, coi, lotNumber } = event.data;
    return { subject: { kind: 'batch', id: batchId }, learns: { kind: 'batch', mapping: { batchId, orderId, clinicId, coi, lotNumber } } };
  }
  if (isEvent(event, StepCompletedV1)) {
    const { batchId, orderId, clinicId, coi } = event.data;
    return { subject: { kind: 'batch', id: batchId }, learns: null, named: { clinicId, coi, orderId, batchId, lotNumber: null } };
  }
  if (isEvent(event, ApheresisHoldWarningV1) || isEvent(event, ApheresisHoldExpiredV1)) {
    return { subject: { kind: 'order', id: event.data.orderId }, learns: null };
  }
  if (isEvent(event, ExpectedReleaseDateSetV1) || isEvent(event, DispositionSignedV1) || isEvent(event, TestOverdueV1)) {
    return { subject: { kind: 'batch', id: event.data.batchId }, learns: null };
  }
  return null;
}

export function contextOf(learned: Learned): ClinicContext {
  const m = learned.mapping;
  return learned.kind === 'order'
    ? { clinicId: m.clinicId, coi: m.coi, orderId: m.orderId, batchId: null, lotNumber: null }
    : { clinicId: m.clinicId, coi: m.coi, orderId: m.orderId, batchId: learned.mapping.batchId, lotNumber: learned.mapping.lotNumber };
}
