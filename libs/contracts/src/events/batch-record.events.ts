import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

const coi = z.string().regex(/^COI-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'must look like COI-XXXX-XXXX');
const isoDate = z.iso.datetime({ offset: true });

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
    batchId: z.uuid(),
    lotNumber: z.string().min(1),
    orderId: z.uuid(),
    coi,
    clinicId: z.string().min(1),
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
]);
export type StepAction = z.infer<typeof stepActionSchema>;

export const StepCompletedV1 = defineEvent({
  type: 'batch-record.batch.step-completed',
  version: 1,
  topic: Topics.batch,
  schema: z.object({
    batchId: z.uuid(),
    orderId: z.uuid(),
    coi,
    clinicId: z.string().min(1),
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
    batchId: z.uuid(),
    orderId: z.uuid(),
    coi,
    clinicId: z.string().min(1),
    completedAt: isoDate,
  }),
});
