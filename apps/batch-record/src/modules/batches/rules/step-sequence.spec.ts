import { ConflictProblem, NotFoundProblem, RuleViolationProblem } from '@mes/platform';
import { assertCanComplete, isLastStep, stepStates } from './step-sequence';

const steps = (completed: number) =>
  ['COI-CHECK', 'ACTIVATION', 'EXPANSION', 'HARVEST'].map((code, i) => ({ code, sequence: i + 1, completed: i < completed }));

describe(stepStates.name, () => {
  it('should make only the first uncompleted step ready when some are done', () => {
    expect(stepStates(steps(1)).map((e) => e.state)).toEqual(['completed', 'ready', 'pending', 'pending']);
  });

  it('should order by sequence whatever the input order', () => {
    expect(stepStates([...steps(0)].reverse()).map((e) => e.step.code)).toEqual(['COI-CHECK', 'ACTIVATION', 'EXPANSION', 'HARVEST']);
  });

  it('should have no ready step when all are completed', () => {
    expect(stepStates(steps(4)).every((e) => e.state === 'completed')).toBe(true);
  });
});

describe(assertCanComplete.name, () => {
  it('should return the step when it is the next one', () => {
    expect(assertCanComplete(steps(1), 'ACTIVATION').code).toBe('ACTIVATION');
  });

  it('should refuse with 404 when the step code is unknown', () => {
    expect(() => assertCanComplete(steps(0), 'FILL')).toThrow(NotFoundProblem);
  });

  it('should refuse with 409 when the step is already completed', () => {
    expect(() => assertCanComplete(steps(2), 'COI-CHECK')).toThrow(ConflictProblem);
  });

  it('should refuse with out-of-sequence naming the next step when a step is skipped', () => {
    const act = () => assertCanComplete(steps(1), 'EXPANSION');
    expect(act).toThrow(RuleViolationProblem);
    expect(act).toThrow(expect.objectContaining({ code: 'out-of-sequence', message: expect.stringContaining('ACTIVATION') }));
  });
});

describe(isLastStep.name, () => {
  it('should be true only when every other step is completed', () => {
    expect(isLastStep(steps(3), 'HARVEST')).toBe(true);
    expect(isLastStep(steps(2), 'EXPANSION')).toBe(false);
  });
});
