import { Decision, SignatureMeaning } from './disposition.entity';
import { ResultValue, describeSpecification } from '../test-orders/specification';
import { Specification } from '../test-orders/test-plan';

export interface SignedTest {
  testCode: string;
  specification: Specification;
  result: ResultValue | null;
  conforms: boolean | null;
  recordedBy: string | null;
  recordedAt: Date | null;
  correctedBy?: string | null;
  correctedAt?: Date | null;
  correctionReason?: string | null;
}

export interface SignatureInput {
  batchId: string;
  lotNumber: string | null;
  coi: string | null;
  decision: Decision;
  reason: string | null;
  meaning: SignatureMeaning;
  signedBy: string;
  signedByName: string;
  signedAt: Date;
  /** QA's review of the executed batch record, as qc-release knows it (null for a rejection before review). */
  review: { reviewedBy: string; reviewedAt: Date } | null;
  tests: readonly SignedTest[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Exactly what the QA person signed, as plain JSON, so the hash can be recomputed from the stored copy. */
export function signedContent(input: SignatureInput): { [key: string]: Json } {
  return {
    batchId: input.batchId,
    lotNumber: input.lotNumber,
    coi: input.coi,
    decision: input.decision,
    reason: input.reason,
    meaning: input.meaning,
    signedBy: input.signedBy,
    signedByName: input.signedByName,
    signedAt: input.signedAt.toISOString(),
    batchRecordReview: input.review ? { reviewedBy: input.review.reviewedBy, reviewedAt: input.review.reviewedAt.toISOString() } : null,
    results: [...input.tests]
      .sort((a, b) => a.testCode.localeCompare(b.testCode))
      .map((t) => ({
        testCode: t.testCode,
        acceptance: describeSpecification(t.specification),
        result: t.result,
        conforms: t.conforms,
        recordedBy: t.recordedBy,
        recordedAt: t.recordedAt?.toISOString() ?? null,
        correctedBy: t.correctedBy ?? null,
        correctedAt: t.correctedAt?.toISOString() ?? null,
        correctionReason: t.correctionReason ?? null,
      })),
  };
}
