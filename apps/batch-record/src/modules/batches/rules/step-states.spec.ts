import { ConflictProblem, RuleViolationProblem } from '@mes/platform';
import { StepProgress, allDone, assertBatchRunning, assertCanStart, isDone, viewState } from './step-states';

const step = (code: string, sequence: number, over: Partial<StepProgress> = {}, verifierRequired = false): StepProgress => ({
  code,
  sequence,
  state: 'pending',
  definition: {
    skippable: false,
    signature: { performerRoles: ['operator'], verifierRequired, verifierRoles: verifierRequired ? ['supervisor'] : undefined },
  },
  decisionRequired: false,
  decision: null,
  ...over,
});

describe('step state machine', () => {
  it('should make only the first pending step ready in a running batch', () => {
    const steps = [step('A', 1), step('B', 2)];
    expect(steps.map((s) => viewState(steps, s, 'in-progress'))).toEqual(['ready', 'pending']);
  });

  it('should refuse a step whose previous step is not done (out of sequence)', () => {
    const steps = [step('A', 1), step('B', 2)];
    expect(() => assertCanStart(steps, steps[1])).toThrow(RuleViolationProblem);
  });

  it('should keep the next step waiting until a required verification is signed', () => {
    const steps = [step('A', 1, { state: 'completed' }, true), step('B', 2)];
    expect(viewState(steps, steps[0], 'in-progress')).toBe('awaiting-verification');
    expect(() => assertCanStart(steps, steps[1])).toThrow(/awaiting verification/);
    steps[0].state = 'verified';
    expect(() => assertCanStart(steps, steps[1])).not.toThrow();
  });

  it('should block later steps while a step awaits a supervisor decision', () => {
    const steps = [step('A', 1, { state: 'completed', decisionRequired: true }), step('B', 2)];
    expect(isDone(steps[0])).toBe(false);
    expect(() => assertCanStart(steps, steps[1])).toThrow(/supervisor decision/);
    steps[0].decision = { decision: 'continue' };
    expect(isDone(steps[0])).toBe(true);
  });

  it('should honour declared prerequisites instead of the previous step', () => {
    const steps = [
      step('A', 1, { state: 'completed' }),
      step('B', 2),
      step('C', 3, { definition: { ...step('C', 3).definition, prerequisites: ['A'] } }),
    ];
    expect(() => assertCanStart(steps, steps[2])).not.toThrow();
  });

  it('should count a skipped step as done', () => {
    expect(allDone([step('A', 1, { state: 'skipped' }), step('B', 2, { state: 'completed' })])).toBe(true);
  });

  it('should refuse a started step being started again', () => {
    const steps = [step('A', 1, { state: 'in-progress' })];
    expect(() => assertCanStart(steps, steps[0])).toThrow(ConflictProblem);
  });

  it('should refuse execution while the batch is on hold or in review', () => {
    expect(() => assertBatchRunning('on-hold', 'viability excursion')).toThrow(/on hold: viability excursion/);
    expect(() => assertBatchRunning('under-review', null)).toThrow(/under-review/);
    expect(() => assertBatchRunning('in-progress', null)).not.toThrow();
  });
});
