import { BatchStepEntity } from '../batches/batch.entity';
import { DeviationEntity } from '../deviations/deviation.entity';
import { ReviewFacts, reviewExceptions } from './review-exceptions';

const step = (over: Partial<BatchStepEntity>): BatchStepEntity =>
  ({
    id: 's1',
    code: 'HARVEST-COUNT',
    state: 'completed',
    definition: {
      fields: [
        { name: 'viability', label: 'Viability', type: 'number', unit: '%', required: true, alert: { min: 80 }, action: { min: 70 } },
      ],
    },
    values: { viability: 92 },
    valueFlags: { viability: 'ok' },
    decisionRequired: false,
    decision: null,
    skippedReason: null,
    ...over,
  }) as unknown as BatchStepEntity;

const deviation = (over: Partial<DeviationEntity>): DeviationEntity =>
  ({
    id: 'd1',
    number: 'DEV-2026-0001',
    stepCode: 'HARVEST-COUNT',
    classification: 'major',
    state: 'open',
    source: 'action-limit',
    title: 't',
    ...over,
  }) as DeviationEntity;

const facts = (over: Partial<ReviewFacts>): ReviewFacts => ({
  steps: [step({})],
  deviations: [],
  corrections: [],
  timing: [],
  refusals: [],
  materialRefusals: [],
  invalidSignatures: [],
  ...over,
});

describe(reviewExceptions.name, () => {
  it('should show nothing for a clean batch', () => {
    const result = reviewExceptions(facts({}));
    expect(result.counts.total).toBe(0);
    expect(result.blockers).toEqual([]);
  });

  it('should list flagged values with their limits', () => {
    const result = reviewExceptions(facts({ steps: [step({ values: { viability: 75 }, valueFlags: { viability: 'alert' } })] }));
    expect(result.flaggedValues).toEqual([
      {
        stepCode: 'HARVEST-COUNT',
        field: 'viability',
        label: 'Viability',
        value: 75,
        unit: '%',
        flag: 'alert',
        limits: 'alert ≥ 80; action ≥ 70',
      },
    ]);
    expect(result.blockers).toEqual([]);
  });

  it('should block completion while a critical deviation is open, but not for an open major one', () => {
    expect(reviewExceptions(facts({ deviations: [deviation({})] })).blockers).toEqual([]);
    expect(reviewExceptions(facts({ deviations: [deviation({ classification: 'critical' })] })).blockers).toEqual([
      'critical deviation DEV-2026-0001 is open',
    ]);
    expect(reviewExceptions(facts({ deviations: [deviation({ classification: 'critical', state: 'closed' })] })).blockers).toEqual([]);
  });

  it('should block completion while a supervisor decision is pending, and count a decision as an override', () => {
    expect(reviewExceptions(facts({ steps: [step({ decisionRequired: true })] })).blockers).toEqual([
      'step HARVEST-COUNT awaits a supervisor decision',
    ]);
    const decided = reviewExceptions(
      facts({
        steps: [
          step({
            decisionRequired: true,
            decision: { decision: 'continue', reason: 'ok', byId: 'u', byName: 'Sam', at: 'x', signatureId: 'sig' },
          }),
        ],
      }),
    );
    expect(decided.blockers).toEqual([]);
    expect(decided.counts.overrides).toBe(1);
  });

  it('should block completion when a signature no longer matches its record', () => {
    const result = reviewExceptions(
      facts({ invalidSignatures: [{ stepCode: 'FILL', meaning: 'performed', signer: 'Olivia Operator', signedAt: 'x' }] }),
    );
    expect(result.counts.invalidSignatures).toBe(1);
    expect(result.blockers[0]).toMatch(/no longer matches/);
  });

  it('should count and list a refused lot use for QA when a step tried to consume an unusable lot', () => {
    const refusal = {
      id: 'r1',
      occurredAt: new Date('2026-03-01T09:00:00.000Z'),
      userId: 'u-op',
      userName: 'operator',
      batchId: 'b',
      orderId: 'o',
      stepCode: 'FEED',
      lots: [{ lotId: 'l1', materialCode: 'MEDIUM-X', reason: 'lot is quarantine, not released' }],
    };
    const result = reviewExceptions(facts({ materialRefusals: [refusal] }));
    expect(result.counts).toMatchObject({ materialRefusals: 1, total: 1 });
    expect(result.materialRefusals).toEqual([{ at: '2026-03-01T09:00:00.000Z', stepCode: 'FEED', by: 'operator', lots: refusal.lots }]);
    expect(result.blockers).toEqual([]);
  });
});
