import { ConflictProblem, NotFoundProblem, RuleViolationProblem } from '@mes/platform';

export type StepState = 'pending' | 'ready' | 'completed';

export interface StepProgress {
  code: string;
  sequence: number;
  completed: boolean;
}

/** Steps run strictly in sequence: the first uncompleted step is ready, later ones wait. */
export function stepStates<S extends StepProgress>(steps: readonly S[]): { step: S; state: StepState }[] {
  const ordered = [...steps].sort((a, b) => a.sequence - b.sequence);
  const next = ordered.find((s) => !s.completed);
  return ordered.map((step) => ({ step, state: step.completed ? 'completed' : step === next ? 'ready' : 'pending' }));
}

/** The step that may be completed now, or the refusal: unknown (404), already done (409), not next (422). */
export function assertCanComplete<S extends StepProgress>(steps: readonly S[], code: string): S {
  const states = stepStates(steps);
  const entry = states.find((e) => e.step.code === code);
  if (!entry) throw new NotFoundProblem('Step', code);
  if (entry.state === 'completed') throw new ConflictProblem('step-already-completed', `Step ${code} is already completed`);
  if (entry.state !== 'ready') {
    const next = states.find((e) => e.state === 'ready')!.step;
    throw new RuleViolationProblem('out-of-sequence', `Step ${code} cannot be completed before step ${next.code} (sequence ${next.sequence})`, [
      { field: 'stepCode', reason: `the next step is ${next.code}` },
    ]);
  }
  return entry.step;
}

export function isLastStep(steps: readonly StepProgress[], code: string): boolean {
  return steps.every((s) => s.completed || s.code === code);
}
