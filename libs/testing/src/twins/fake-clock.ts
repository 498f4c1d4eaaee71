import { Clock } from '@mes/platform';

/** A clock that moves only when told to; for unit tests. */
export class FakeClock extends Clock {
  readonly factor = 1;
  constructor(private current: Date = new Date('2026-01-01T00:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
