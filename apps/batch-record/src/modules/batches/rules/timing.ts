import { RuleViolationProblem } from '@mes/platform';
import { TimingConstraint } from '../../master-batch-records/mbr-schema';

const HOUR = 3_600_000;

export interface TimingPlan {
  code: string;
  kind: TimingConstraint['kind'];
  description: string;
  stepCode: string;
  afterStep: string;
  earliestAt: Date | null;
  dueAt: Date;
  warnAt: Date | null;
}

/** The windows and holds that start when `completedCode` completes at `at`: one per constraint on any step that refers to it. */
export function plansStartedBy(
  steps: readonly { code: string; definition: { timing: TimingConstraint[] } }[],
  completedCode: string,
  at: Date,
): TimingPlan[] {
  return steps.flatMap((s) =>
    s.definition.timing
      .filter((t) => t.after === completedCode)
      .map((t) => ({
        code: t.code,
        kind: t.kind,
        description: t.description,
        stepCode: s.code,
        afterStep: t.after,
        earliestAt: t.minHours !== undefined ? new Date(at.getTime() + t.minHours * HOUR) : null,
        dueAt: new Date(at.getTime() + t.maxHours * HOUR),
        warnAt:
          t.warnBeforeHours !== undefined && t.warnBeforeHours < t.maxHours - (t.minHours ?? 0)
            ? new Date(at.getTime() + (t.maxHours - t.warnBeforeHours) * HOUR)
            : null,
      })),
  );
}

/** A window's start may not come before its earliest time: starting early is refused, not recorded as a deviation. */
export function assertNotTooEarly(
  windows: readonly { code: string; description: string; earliestAt: Date | null }[],
  stepCode: string,
  now: Date,
): void {
  const early = windows.filter((w) => w.earliestAt && now.getTime() < w.earliestAt.getTime());
  if (early.length === 0) return;
  throw new RuleViolationProblem(
    'timing-window-not-open',
    `Step ${stepCode} may not start yet: ${early.map((w) => `${w.description} opens at ${w.earliestAt!.toISOString()}`).join('; ')}`,
    early.map((w) => ({ field: 'stepCode', reason: `window ${w.code} opens at ${w.earliestAt!.toISOString()}` })),
  );
}

export function isLate(dueAt: Date, at: Date): boolean {
  return at.getTime() > dueAt.getTime();
}
