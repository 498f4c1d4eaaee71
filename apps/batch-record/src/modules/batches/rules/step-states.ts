import { ConflictProblem, NotFoundProblem, RuleViolationProblem } from '@mes/platform';
import { StepDefinition } from '../../master-batch-records/mbr-schema';
import type { BatchState, StepState } from '../batch.entity';

/** What the state machine needs to know of a step. */
export interface StepProgress {
  code: string;
  sequence: number;
  state: StepState;
  definition: Pick<StepDefinition, 'prerequisites' | 'skippable' | 'signature'>;
  decisionRequired: boolean;
  decision: unknown | null;
}

/** The state shown to people: `ready` is a pending step whose prerequisites are done in a batch that may run. */
export type StepViewState = StepState | 'ready' | 'awaiting-verification' | 'awaiting-decision';

const RUNNING: readonly BatchState[] = ['created', 'in-progress'];

export function awaitsDecision(s: StepProgress): boolean {
  return s.decisionRequired && s.decision === null;
}

/** Done = nothing more is needed for later steps: skipped, or completed (and verified where required, decided where required). */
export function isDone(s: StepProgress): boolean {
  if (s.state === 'skipped') return true;
  if (awaitsDecision(s)) return false;
  if (s.state === 'verified') return true;
  return s.state === 'completed' && !s.definition.signature.verifierRequired;
}

/** Declared prerequisites, or the previous step in sequence. */
export function prerequisitesOf<S extends StepProgress>(steps: readonly S[], step: S): S[] {
  const ordered = [...steps].sort((a, b) => a.sequence - b.sequence);
  const declared = step.definition.prerequisites;
  if (declared) return ordered.filter((s) => declared.includes(s.code));
  const index = ordered.indexOf(step);
  return index > 0 ? [ordered[index - 1]] : [];
}

export function viewState<S extends StepProgress>(steps: readonly S[], step: S, batchState: BatchState): StepViewState {
  if (awaitsDecision(step)) return 'awaiting-decision';
  if (step.state === 'completed' && step.definition.signature.verifierRequired) return 'awaiting-verification';
  if (step.state !== 'pending') return step.state;
  return RUNNING.includes(batchState) && prerequisitesOf(steps, step).every(isDone) ? 'ready' : 'pending';
}

export function findStep<S extends StepProgress>(steps: readonly S[], code: string): S {
  const step = steps.find((s) => s.code === code);
  if (!step) throw new NotFoundProblem('Step', code);
  return step;
}

/** The batch must be running: not on hold, not complete, not in review (Part 11 §11.10(f) operational checks). */
export function assertBatchRunning(batchState: BatchState, holdReason: string | null): void {
  if (batchState === 'on-hold') {
    throw new ConflictProblem(
      'batch-on-hold',
      `The batch is on hold${holdReason ? `: ${holdReason}` : ''}; no step can be executed until it is resumed`,
    );
  }
  if (!RUNNING.includes(batchState)) throw new ConflictProblem('batch-not-running', `The batch is ${batchState}; no step can be executed`);
}

/** A step may start (or complete directly) when it is pending and all its prerequisites are done; otherwise it is out of sequence. */
export function assertCanStart<S extends StepProgress>(steps: readonly S[], step: S): void {
  if (step.state !== 'pending') throw new ConflictProblem('step-not-pending', `Step ${step.code} is ${step.state}`);
  const waiting = prerequisitesOf(steps, step).filter((p) => !isDone(p));
  if (waiting.length) {
    const names = waiting.map(
      (p) =>
        `${p.code} (${awaitsDecision(p) ? 'awaiting a supervisor decision' : p.state === 'completed' ? 'awaiting verification' : p.state})`,
    );
    throw new RuleViolationProblem('out-of-sequence', `Step ${step.code} cannot start before ${names.join(', ')}`, [
      { field: 'stepCode', reason: `waits for ${waiting.map((p) => p.code).join(', ')}` },
    ]);
  }
}

/** Complete once every step is done. */
export function allDone(steps: readonly StepProgress[]): boolean {
  return steps.every(isDone);
}
