import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

const isoDate = z.iso.datetime({ offset: true });

export const TestOrderCreatedV1 = defineEvent({
  type: 'qc-release.test-order.created',
  version: 1,
  topic: Topics.qcRelease,
  schema: z.object({ testOrderId: z.uuid(), batchId: z.uuid(), testCode: z.string(), dueAt: isoDate }),
});

export const ExpectedReleaseDateSetV1 = defineEvent({
  type: 'qc-release.batch.expected-release-set',
  version: 1,
  topic: Topics.qcRelease,
  schema: z.object({ batchId: z.uuid(), expectedReleaseAt: isoDate, previousExpectedReleaseAt: isoDate.nullable() }),
});

export const TestResultRecordedV1 = defineEvent({
  type: 'qc-release.test-order.result-recorded',
  version: 1,
  topic: Topics.qcRelease,
  schema: z.object({
    testOrderId: z.uuid(),
    batchId: z.uuid(),
    testCode: z.string(),
    result: z.union([z.number(), z.string()]),
    conforms: z.boolean(),
    recordedBy: z.string(),
    recordedAt: isoDate,
  }),
});

export const TestOverdueV1 = defineEvent({
  type: 'qc-release.test-order.overdue',
  version: 1,
  topic: Topics.qcRelease,
  schema: z.object({ testOrderId: z.uuid(), batchId: z.uuid(), testCode: z.string(), dueAt: isoDate }),
});

export const DispositionSignedV1 = defineEvent({
  type: 'qc-release.batch.disposition-signed',
  version: 1,
  topic: Topics.qcRelease,
  schema: z.object({
    batchId: z.uuid(),
    decision: z.enum(['released', 'rejected']),
    reason: z.string().nullable(),
    signedBy: z.string(),
    signedByName: z.string(),
    signedAt: isoDate,
  }),
});
