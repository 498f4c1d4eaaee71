import { CAR_T_RELEASE } from '../test-orders/test-plan';
import {
  DeviationFacts,
  ReleaseFacts,
  eventCompletenessBlockers,
  TestOutcome,
  batchRecordReviewBlockers,
  releaseBlockers,
  releaseReadinessBlockers,
} from './release-rule';

const conformingResults: Record<string, number | string> = {
  sterility: 'no-growth',
  endotoxin: 1.2,
  viability: 88,
  'car-expression': 41,
  mycoplasma: 'not-detected',
};

const outcomes = (overrides: Record<string, Partial<TestOutcome>> = {}): TestOutcome[] =>
  CAR_T_RELEASE.tests.map((t) => ({
    testCode: t.code,
    specification: t.specification,
    result: conformingResults[t.code],
    conforms: true,
    ...overrides[t.code],
  }));

describe(releaseBlockers.name, () => {
  it('should allow release when every result is in and conforms', () => {
    expect(releaseBlockers(outcomes())).toEqual([]);
  });

  it('should list every missing and every non-conforming result when several tests block release', () => {
    const blockers = releaseBlockers(
      outcomes({
        sterility: { result: null, conforms: null },
        endotoxin: { result: 7.5, conforms: false },
        viability: { result: 62, conforms: false },
      }),
    );
    expect(blockers).toEqual([
      { field: 'tests.endotoxin', reason: 'out of specification: 7.5 EU/mL (acceptance ≤ 5 EU/mL)' },
      { field: 'tests.sterility', reason: 'result missing' },
      { field: 'tests.viability', reason: 'out of specification: 62 % (acceptance ≥ 70 %)' },
    ]);
  });

  it('should block release when a text result does not conform', () => {
    expect(releaseBlockers(outcomes({ mycoplasma: { result: 'detected', conforms: false } }))).toEqual([
      { field: 'tests.mycoplasma', reason: 'out of specification: detected (acceptance not-detected)' },
    ]);
  });

  it('should block release of every test when no result is in', () => {
    const blockers = releaseBlockers(
      outcomes(Object.fromEntries(CAR_T_RELEASE.tests.map((t) => [t.code, { result: null, conforms: null }]))),
    );
    expect(blockers).toHaveLength(CAR_T_RELEASE.tests.length);
    expect(blockers.every((b) => b.reason === 'result missing')).toBe(true);
  });
});

const REVIEW = { reviewedBy: 'qa', reviewedAt: new Date('2026-03-16T08:00:00.000Z') };
const deviation = (over: Partial<DeviationFacts> = {}): DeviationFacts => ({
  deviationId: 'd0000000-0000-4000-8000-000000000001',
  number: 'DEV-0001',
  classification: 'critical',
  state: 'open',
  title: 'Incubator temperature excursion',
  ...over,
});

describe(batchRecordReviewBlockers.name, () => {
  it('should allow release when the record was reviewed and no deviation is open', () => {
    expect(batchRecordReviewBlockers(REVIEW, [deviation({ state: 'closed' })])).toEqual([]);
  });

  it('should block release when QA has not reviewed the batch record', () => {
    expect(batchRecordReviewBlockers(null, [])).toEqual([{ field: 'batchRecord.review', reason: 'batch record not reviewed by QA' }]);
  });

  it('should block release on each open critical deviation, named by its id', () => {
    expect(
      batchRecordReviewBlockers(REVIEW, [deviation(), deviation({ deviationId: 'd2', number: 'DEV-0002', title: 'Wrong lot scanned' })]),
    ).toEqual([
      {
        field: 'deviations.d0000000-0000-4000-8000-000000000001',
        reason: 'critical deviation DEV-0001 is open: Incubator temperature excursion',
      },
      { field: 'deviations.d2', reason: 'critical deviation DEV-0002 is open: Wrong lot scanned' },
    ]);
  });

  it.each<DeviationFacts['classification']>(['minor', 'major'])(
    'should not block release when an open deviation is only %s',
    (classification) => {
      expect(batchRecordReviewBlockers(REVIEW, [deviation({ classification })])).toEqual([]);
    },
  );
});

describe(releaseReadinessBlockers.name, () => {
  const ready = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
    batchRecordComplete: true,
    tests: outcomes(),
    materialBlockers: [],
    review: REVIEW,
    deviations: [],
    events: { streams: [{ producer: 'batch-record', applied: [1, 2, 3], head: 3 }], upstream: [], deadLetters: [] },
    ...over,
  });

  it('should find nothing when everything is in place', () => {
    expect(releaseReadinessBlockers(ready())).toEqual([]);
  });

  it('should list every blocker in order (events, record, tests, materials, review, deviations) when all are missing', () => {
    const blockers = releaseReadinessBlockers(
      ready({
        events: { streams: [{ producer: 'batch-record', applied: [2], head: null }], upstream: [], deadLetters: [] },
        batchRecordComplete: false,
        tests: [],
        materialBlockers: [{ lotId: 'lot-1', stepCode: 'ACTIVATION', reason: 'lot status was quarantine' }],
        review: null,
        deviations: [deviation()],
      }),
    );
    expect(blockers.map((b) => b.field)).toEqual([
      'events.batch-record',
      'batch',
      'tests',
      'materials.lot-1',
      'batchRecord.review',
      'deviations.d0000000-0000-4000-8000-000000000001',
    ]);
  });
});

describe(eventCompletenessBlockers.name, () => {
  const stream = (applied: number[], head: number | null, producer = 'batch-record') => ({ producer, applied, head });

  it('should find nothing when every event up to the head was applied', () => {
    expect(
      eventCompletenessBlockers({ streams: [stream([1, 2, 3], 3), stream([], 0, 'inventory')], upstream: [], deadLetters: [] }),
    ).toEqual([]);
  });

  it('should name each gap in what was applied, with its producer', () => {
    expect(eventCompletenessBlockers({ streams: [stream([1, 4, 5, 8], 8)], upstream: [], deadLetters: [] })).toEqual([
      { field: 'events.batch-record', reason: 'waiting for events 2..3 from batch-record' },
      { field: 'events.batch-record', reason: 'waiting for events 6..7 from batch-record' },
    ]);
  });

  it('should name the tail still awaited when the owner’s head is beyond what was applied', () => {
    expect(eventCompletenessBlockers({ streams: [stream([1, 2], 5, 'inventory')], upstream: [], deadLetters: [] })).toEqual([
      { field: 'events.inventory', reason: 'waiting for events 3..5 from inventory' },
    ]);
  });

  it('should name every event when none has arrived but the owner has some', () => {
    expect(eventCompletenessBlockers({ streams: [stream([], 2)], upstream: [], deadLetters: [] })).toEqual([
      { field: 'events.batch-record', reason: 'waiting for events 1..2 from batch-record' },
    ]);
  });

  it('should still see a gap when the head was not asked (readiness view)', () => {
    expect(eventCompletenessBlockers({ streams: [stream([1, 3], null)], upstream: [], deadLetters: [] })).toEqual([
      { field: 'events.batch-record', reason: 'waiting for events 2..2 from batch-record' },
    ]);
  });

  it('should block until inventory has applied the batch’s last step it reports misuse from', () => {
    const upstream = (applied: number) => [{ consumer: 'inventory', producer: 'batch-record', needed: 7, applied }];
    expect(eventCompletenessBlockers({ streams: [], upstream: upstream(6), deadLetters: [] })).toEqual([
      { field: 'events.inventory', reason: 'waiting for inventory to apply events up to 7 from batch-record (it has applied up to 6)' },
    ]);
    expect(eventCompletenessBlockers({ streams: [], upstream: upstream(7), deadLetters: [] })).toEqual([]);
  });

  it('should block while any service holds a pending dead letter for the batch, even when its sequences look caught up', () => {
    // inventory dead-lettered step 5 and applied step 9: the upstream check alone passes.
    const events = (pending: number) => ({
      streams: [stream([1, 2, 3], 3)],
      upstream: [{ consumer: 'inventory', producer: 'batch-record', needed: 9, applied: 9 }],
      deadLetters: [
        { holder: 'batch-record', pending: 0 },
        { holder: 'inventory', pending },
        { holder: 'qc-release', pending: 2 },
      ],
    });
    expect(eventCompletenessBlockers(events(1))).toEqual([
      { field: 'deadLetters.inventory', reason: 'inventory holds 1 unresolved dead letter for this batch (see the dead-letters command)' },
      {
        field: 'deadLetters.qc-release',
        reason: 'qc-release holds 2 unresolved dead letters for this batch (see the dead-letters command)',
      },
    ]);
    expect(eventCompletenessBlockers(events(0)).map((b) => b.field)).toEqual(['deadLetters.qc-release']);
  });
});
