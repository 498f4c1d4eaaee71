import { ConfigError } from '../config/config';

/** The one source of time; inject it, never call `new Date()` for domain time. */
export abstract class Clock {
  abstract now(): Date;
  /** How many simulated milliseconds pass per real millisecond (1 in production). */
  abstract readonly factor: number;

  /** Real milliseconds to wait until a simulated instant (0 if it has passed). */
  realDelayUntil(due: Date): number {
    return Math.max(0, Math.ceil((due.getTime() - this.now().getTime()) / this.factor));
  }
}

export class SystemClock extends Clock {
  readonly factor = 1;
  now(): Date {
    return new Date();
  }
}

/**
 * Simulated time that runs `factor` times faster than real time from a shared anchor, so that every
 * service started with the same anchor and factor agrees on "now" (a 14-day test passes in seconds).
 */
export class AcceleratedClock extends Clock {
  private readonly anchorMs: number;

  constructor(
    readonly factor: number,
    anchor: Date = new Date(),
    private readonly realNow: () => number = Date.now,
  ) {
    super();
    if (!(factor > 0)) throw new Error('Clock factor must be positive');
    this.anchorMs = anchor.getTime();
  }

  now(): Date {
    return new Date(this.anchorMs + (this.realNow() - this.anchorMs) * this.factor);
  }
}

export function clockFromConfig(config: { CLOCK_FACTOR: number; CLOCK_ANCHOR?: string }): Clock {
  if (config.CLOCK_FACTOR === 1 && !config.CLOCK_ANCHOR) return new SystemClock();
  // Without a shared anchor every process (and every restart) would run its own simulated time.
  if (!config.CLOCK_ANCHOR)
    throw new ConfigError(['CLOCK_ANCHOR: required when CLOCK_FACTOR is not 1 (the same ISO instant for every service)']);
  return new AcceleratedClock(config.CLOCK_FACTOR, config.CLOCK_ANCHOR ? new Date(config.CLOCK_ANCHOR) : new Date());
}
