import { TestDefinition } from './test-plan';

/** A test is due its expected duration after the sample was drawn. */
export function dueAtFor(sampledAt: Date, test: TestDefinition): Date {
  return new Date(sampledAt.getTime() + test.expectedDurationMs);
}

/** The batch can be released once its slowest test is due; null when it has no tests. */
export function expectedReleaseAt(dueAts: readonly Date[]): Date | null {
  if (dueAts.length === 0) return null;
  return new Date(Math.max(...dueAts.map((d) => d.getTime())));
}

export interface ExpectedReleaseChange {
  expectedReleaseAt: Date;
  previousExpectedReleaseAt: Date | null;
}

/** The new expected release date when adding tests moves it; null when the clinic needs no update. */
export function expectedReleaseChange(before: readonly Date[], after: readonly Date[]): ExpectedReleaseChange | null {
  const previous = expectedReleaseAt(before);
  const next = expectedReleaseAt(after);
  if (!next || (previous && previous.getTime() === next.getTime())) return null;
  return { expectedReleaseAt: next, previousExpectedReleaseAt: previous };
}
