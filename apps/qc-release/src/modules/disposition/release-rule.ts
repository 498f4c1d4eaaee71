import { FieldProblem, missingRanges } from '@mes/platform';
import { ResultValue, describeResult, describeSpecification } from '../test-orders/specification';
import { Specification } from '../test-orders/test-plan';

export interface TestOutcome {
  testCode: string;
  specification: Specification;
  result: ResultValue | null;
  conforms: boolean | null;
}

/** Every reason a batch may not be released: each missing result and each result out of specification, none hidden behind the first. */
export function releaseBlockers(tests: readonly TestOutcome[]): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  for (const t of [...tests].sort((a, b) => a.testCode.localeCompare(b.testCode))) {
    const field = `tests.${t.testCode}`;
    if (t.result === null || t.conforms === null) blockers.push({ field, reason: 'result missing' });
    else if (!t.conforms) {
      blockers.push({
        field,
        reason: `out of specification: ${describeResult(t.specification, t.result)} (acceptance ${describeSpecification(t.specification)})`,
      });
    }
  }
  return blockers;
}

export interface ReviewFacts {
  reviewedBy: string;
  reviewedAt: Date;
}

export interface DeviationFacts {
  deviationId: string;
  number: string;
  classification: 'minor' | 'major' | 'critical';
  state: 'open' | 'closed';
  title: string;
}

export interface MaterialBlockerFacts {
  lotId: string;
  stepCode: string;
  reason: string;
}

/** One producer's events about the batch: the sequences applied here, and the producer's head when it was asked. */
export interface EventStreamFacts {
  producer: string;
  /** Ascending, distinct. */
  applied: readonly number[];
  /** The producer's last sequence for the batch, asked at signing time; null when not asked (the readiness view). */
  head: number | null;
}

/** A producer whose events about the batch depend on its applying another's (inventory reports misuse while applying steps). */
export interface UpstreamFacts {
  consumer: string;
  producer: string;
  /** The producer's sequence the consumer must have applied (the batch's last step we applied). */
  needed: number;
  applied: number;
}

/** A service's dead letters about the batch still pending: events it did not apply, so its part of the facts may be wrong. */
export interface DeadLetterFacts {
  holder: string;
  pending: number;
}

export interface BatchEventFacts {
  streams: readonly EventStreamFacts[];
  upstream: readonly UpstreamFacts[];
  deadLetters: readonly DeadLetterFacts[];
}

/** Everything a release (or conditional release) depends on; a rejection depends on none of it. */
export interface ReleaseFacts {
  batchRecordComplete: boolean;
  tests: readonly TestOutcome[];
  materialBlockers: readonly MaterialBlockerFacts[];
  review: ReviewFacts | null;
  deviations: readonly DeviationFacts[];
  events: BatchEventFacts;
}

/**
 * Facts may not be judged before every event they come from has arrived: a gap in a producer's sequence, or a head
 * beyond what was applied, is a blocker naming the events still awaited; so is a producer that has not yet applied
 * the steps its own reports depend on, or a service holding a pending dead letter about the batch (a later event
 * applied past it would hide it from the sequences).
 */
export function eventCompletenessBlockers(events: BatchEventFacts): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  for (const s of events.streams) {
    const upTo = Math.max(s.head ?? 0, s.applied.length ? s.applied[s.applied.length - 1] : 0);
    for (const [from, to] of missingRanges(s.applied, upTo)) {
      blockers.push({ field: `events.${s.producer}`, reason: `waiting for events ${from}..${to} from ${s.producer}` });
    }
  }
  for (const u of events.upstream) {
    if (u.applied < u.needed) {
      blockers.push({
        field: `events.${u.consumer}`,
        reason: `waiting for ${u.consumer} to apply events up to ${u.needed} from ${u.producer} (it has applied up to ${u.applied})`,
      });
    }
  }
  for (const d of events.deadLetters) {
    if (d.pending > 0) {
      blockers.push({
        field: `deadLetters.${d.holder}`,
        reason: `${d.holder} holds ${d.pending} unresolved dead letter${d.pending === 1 ? '' : 's'} for this batch (see the dead-letters command)`,
      });
    }
  }
  return blockers;
}

/** QA must have reviewed the executed batch record, and no critical deviation of the batch may be open. */
export function batchRecordReviewBlockers(review: ReviewFacts | null, deviations: readonly DeviationFacts[]): FieldProblem[] {
  const blockers: FieldProblem[] = [];
  if (!review) blockers.push({ field: 'batchRecord.review', reason: 'batch record not reviewed by QA' });
  for (const d of deviations) {
    if (d.state === 'open' && d.classification === 'critical') {
      blockers.push({ field: `deviations.${d.deviationId}`, reason: `critical deviation ${d.number} is open: ${d.title}` });
    }
  }
  return blockers;
}

/** Every reason the batch may not be released yet, in a stable order (events, record, tests, materials, review, deviations); empty means releasable. */
export function releaseReadinessBlockers(facts: ReleaseFacts): FieldProblem[] {
  const blockers: FieldProblem[] = eventCompletenessBlockers(facts.events);
  if (!facts.batchRecordComplete) blockers.push({ field: 'batch', reason: 'batch record not complete' });
  if (facts.tests.length === 0) blockers.push({ field: 'tests', reason: 'no release test orders' });
  blockers.push(...releaseBlockers(facts.tests));
  for (const b of facts.materialBlockers) {
    blockers.push({ field: `materials.${b.lotId}`, reason: `unusable lot consumed at step ${b.stepCode}: ${b.reason}` });
  }
  blockers.push(...batchRecordReviewBlockers(facts.review, facts.deviations));
  return blockers;
}
