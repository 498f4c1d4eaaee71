import { FieldProblem } from '@mes/platform';
import { DispositionEntity } from './disposition.entity';
import { ReleaseFacts } from './release-rule';

export function toDispositionView(d: DispositionEntity) {
  return {
    batchId: d.batchId,
    decision: d.decision,
    reason: d.reason,
    meaning: d.meaning,
    signedBy: d.signedBy,
    signedByUsername: d.signedByUsername,
    signedByName: d.signedByName,
    signedAt: d.signedAt.toISOString(),
    contentHash: d.contentHash,
    signedContent: d.signedContent,
  };
}

export type DispositionView = ReturnType<typeof toDispositionView>;

/** Whether the batch can be released now and, if not, every reason why (the same list a refused release returns). */
export function toReadinessView(batchId: string, facts: ReleaseFacts, blockers: FieldProblem[], disposition: DispositionEntity | null) {
  return {
    batchId,
    releasable: blockers.length === 0 && disposition === null,
    blockers,
    batchRecordComplete: facts.batchRecordComplete,
    review: facts.review ? { reviewedBy: facts.review.reviewedBy, reviewedAt: facts.review.reviewedAt.toISOString() } : null,
    openDeviations: facts.deviations
      .filter((d) => d.state === 'open')
      .map((d) => ({ deviationId: d.deviationId, number: d.number, classification: d.classification, title: d.title })),
    disposition: disposition
      ? { decision: disposition.decision, signedAt: disposition.signedAt.toISOString(), signedByName: disposition.signedByName }
      : null,
  };
}

export type ReadinessView = ReturnType<typeof toReadinessView>;
