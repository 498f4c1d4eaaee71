import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

const coi = z.string().regex(/^COI-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'must look like COI-XXXX-XXXX');
const isoDate = z.iso.datetime({ offset: true });
/** Every batch event names its batch, the order and patient (COI) it belongs to, and the clinic that may see it. */
const batchRef = { batchId: z.uuid(), orderId: z.uuid(), coi, clinicId: z.string().min(1) };

export const OrderPlacedV1 = defineEvent({
  type: 'batch-record.order.placed',
  version: 1,
  topic: Topics.order,
  schema: z.object({
    orderId: z.uuid(),
    coi,
    clinicId: z.string().min(1),
    productCode: z.string().min(1),
    slotDate: z.iso.date(),
    placedBy: z.string().min(1),
  }),
});

export const ApheresisReceivedV1 = defineEvent({
  type: 'batch-record.order.apheresis-received',
  version: 1,
  topic: Topics.order,
  schema: z.object({
    orderId: z.uuid(),
    coi,
    clinicId: z.string().min(1),
    bagId: z.string().min(1),
    collectedAt: isoDate,
    receivedAt: isoDate,
    holdTimeHours: z.number().positive(),
    receivedBy: z.string().min(1),
  }),
});

export const BatchStartedV1 = defineEvent({
  type: 'batch-record.batch.started',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    ...batchRef,
    lotNumber: z.string().min(1),
    mbrCode: z.string().min(1),
    mbrVersion: z.number().int().positive(),
    startedAt: isoDate,
    startedBy: z.string().min(1),
  }),
});

/** What a completed step asks other services to do; each service reacts to the kinds it owns. */
export const stepActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('thaw-material'),
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    useByHours: z.number().positive(),
  }),
  z.object({ kind: z.literal('draw-release-samples'), testPlan: z.string().min(1) }),
  /** Inventory decrements the lot and re-checks it was usable; batch-record already checked its read model. */
  z.object({
    kind: z.literal('consume-material'),
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    quantity: z.number().positive(),
    unit: z.string().min(1),
  }),
]);
export type StepAction = z.infer<typeof stepActionSchema>;

export const StepCompletedV1 = defineEvent({
  type: 'batch-record.batch.step-completed',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    ...batchRef,
    stepCode: z.string().min(1),
    stepName: z.string().min(1),
    sequence: z.number().int().positive(),
    values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    actions: z.array(stepActionSchema),
    completedBy: z.string().min(1),
    completedAt: isoDate,
  }),
});

export const BatchCompletedV1 = defineEvent({
  type: 'batch-record.batch.completed',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    ...batchRef,
    completedAt: isoDate,
  }),
});

/** QA signed the review of the executed batch record (review by exception); disposition may follow. */
export const BatchReviewedV1 = defineEvent({
  type: 'batch-record.batch.reviewed',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    ...batchRef,
    reviewedBy: z.string().min(1),
    reviewedAt: isoDate,
    openDeviations: z.number().int().nonnegative(),
  }),
});

export const deviationClassification = z.enum(['minor', 'major', 'critical']);

/** A deviation was opened, reclassified or closed; consumers keep the latest state (deviations are keyed by their batch). */
export const DeviationChangedV1 = defineEvent({
  type: 'batch-record.deviation.changed',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    deviationId: z.uuid(),
    number: z.string().min(1),
    ...batchRef,
    stepCode: z.string().nullable(),
    classification: deviationClassification,
    source: z.string().min(1),
    state: z.enum(['open', 'closed']),
    title: z.string().min(1),
    changedAt: isoDate,
    changedBy: z.string().min(1),
  }),
});

/** A timing window or hold time of a running batch is about to close (warning) or was missed (a deviation was opened). */
export const TimingAlertV1 = defineEvent({
  type: 'batch-record.batch.timing-alert',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    ...batchRef,
    lotNumber: z.string().min(1),
    constraintCode: z.string().min(1),
    constraintKind: z.enum(['window', 'hold']),
    stepCode: z.string().min(1),
    stepName: z.string().min(1),
    level: z.enum(['warning', 'missed']),
    dueAt: isoDate,
    raisedAt: isoDate,
    deviationId: z.uuid().nullable(),
  }),
});

/**
 * A step completion was refused because a scanned lot may not be used (expired, quarantined, used up…); nothing
 * was consumed. One event per refused attempt, keyed by the refusal, so it raises exactly one staff alert.
 */
export const MaterialUseRefusedV1 = defineEvent({
  type: 'batch-record.material-refusal.recorded',
  version: 1,
  topic: Topics.materialRefusal,
  schema: z.object({
    refusalId: z.uuid(),
    ...batchRef,
    lotNumber: z.string().min(1),
    stepCode: z.string().min(1),
    refusedBy: z.string().min(1),
    refusedAt: isoDate,
    lots: z.array(z.object({ lotId: z.uuid(), materialCode: z.string().min(1), reason: z.string().min(1) })).min(1),
  }),
});
