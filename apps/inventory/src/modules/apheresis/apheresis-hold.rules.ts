const HOUR_MS = 3_600_000;

/** Holds of at least this long warn a fixed lead time before the end; shorter ones warn at a fraction. */
export const LONG_HOLD_HOURS = 24;
export const LONG_HOLD_WARNING_LEAD_HOURS = 12;
export const SHORT_HOLD_WARNING_FRACTION = 0.75;

export interface HoldSchedule {
  holdUntil: Date;
  warnAt: Date;
}

/** The hold runs from collection (not receipt): the cells age from the moment they leave the patient. */
export function holdSchedule(collectedAt: Date, holdTimeHours: number): HoldSchedule {
  if (!(holdTimeHours > 0)) throw new Error('holdTimeHours must be positive');
  const start = collectedAt.getTime();
  const holdMs = holdTimeHours * HOUR_MS;
  const holdUntil = start + holdMs;
  const warnAt =
    holdTimeHours >= LONG_HOLD_HOURS ? holdUntil - LONG_HOLD_WARNING_LEAD_HOURS * HOUR_MS : start + SHORT_HOLD_WARNING_FRACTION * holdMs;
  return { holdUntil: new Date(holdUntil), warnAt: new Date(warnAt) };
}

/** Hours left before the hold ends, to one decimal, never negative. */
export function hoursLeft(holdUntil: Date, now: Date): number {
  const left = Math.max(0, holdUntil.getTime() - now.getTime()) / HOUR_MS;
  return Math.round(left * 10) / 10;
}

/** Whether the hold is already over, so no warning is worth sending. */
export function holdIsOver(holdUntil: Date, now: Date): boolean {
  return holdUntil.getTime() <= now.getTime();
}
