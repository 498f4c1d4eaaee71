import { AcceleratedClock, SystemClock, clockFromConfig } from './clock';

describe(AcceleratedClock.name, () => {
  const anchor = new Date('2026-03-01T08:00:00.000Z');
  const realAt = (ms: number) => () => anchor.getTime() + ms;

  it('should return the anchor when no real time has passed since it', () => {
    // Arrange
    const clock = new AcceleratedClock(60, anchor, realAt(0));

    // Act
    const now = clock.now();

    // Assert
    expect(now.toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('should advance simulated time by factor times the real time elapsed since the anchor when running', () => {
    // Arrange: one real second at factor 3600 is one simulated hour
    const clock = new AcceleratedClock(3600, anchor, realAt(1_000));

    // Act
    const now = clock.now();

    // Assert
    expect(now.toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('should agree on now when two instances share the anchor and factor but were created at different real times', () => {
    // Arrange
    let real = anchor.getTime() + 5_000;
    const early = new AcceleratedClock(120, anchor, () => real);
    real += 7_000;
    const late = new AcceleratedClock(120, anchor, () => real);

    // Act
    const [a, b] = [early.now(), late.now()];

    // Assert
    expect(a.getTime()).toBe(b.getTime());
    expect(a.getTime()).toBe(anchor.getTime() + 12_000 * 120);
  });

  it('should return the real milliseconds to wait when the due instant is in the simulated future', () => {
    // Arrange: 60 simulated seconds at factor 60 is 1 real second
    const clock = new AcceleratedClock(60, anchor, realAt(0));

    // Act
    const delay = clock.realDelayUntil(new Date(anchor.getTime() + 60_000));

    // Assert
    expect(delay).toBe(1_000);
  });

  it('should round the real delay up when it is a fraction of a millisecond', () => {
    // Arrange
    const clock = new AcceleratedClock(1_000, anchor, realAt(0));

    // Act
    const delay = clock.realDelayUntil(new Date(anchor.getTime() + 1_500));

    // Assert: 1.5 real ms must not fire early at 1 ms
    expect(delay).toBe(2);
  });

  it('should return a zero delay when the due instant has passed', () => {
    // Arrange
    const clock = new AcceleratedClock(60, anchor, realAt(10_000));

    // Act
    const delay = clock.realDelayUntil(anchor);

    // Assert
    expect(delay).toBe(0);
  });

  it.each([0, -2, Number.NaN])('should refuse to start when the factor is %p', (factor) => {
    // Act / Assert
    expect(() => new AcceleratedClock(factor, anchor, realAt(0))).toThrow('Clock factor must be positive');
  });
});

describe(clockFromConfig.name, () => {
  it('should use the system clock when the factor is 1 and no anchor is set', () => {
    // Act
    const clock = clockFromConfig({ CLOCK_FACTOR: 1 });

    // Assert
    expect(clock).toBeInstanceOf(SystemClock);
  });

  it('should use an accelerated clock from the configured anchor when a factor is set', () => {
    // Act
    const clock = clockFromConfig({ CLOCK_FACTOR: 10, CLOCK_ANCHOR: '2026-01-01T00:00:00Z' });

    // Assert
    expect(clock).toBeInstanceOf(AcceleratedClock);
    expect(clock.factor).toBe(10);
  });
});
