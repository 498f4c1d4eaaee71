import { Clock } from '@mes/platform';

/**
 * A clock that moves only when told to; for unit tests. With `tickMs`, every reading moves it on by that much,
 * so code that reads the clock twice for what should be one instant shows it.
 */
export class FakeClock extends Clock {
  readonly factor = 1;
  constructor(
    private current: Date = new Date('2026-01-01T00:00:00.000Z'),
    private readonly tickMs = 0,
  ) {
    super();
  }
  now(): Date {
    const reading = new Date(this.current);
    this.advance(this.tickMs);
    return reading;
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
