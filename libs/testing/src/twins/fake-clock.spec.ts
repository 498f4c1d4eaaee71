import { FakeClock } from './fake-clock';

describe(FakeClock.name, () => {
  it('should stand still when nobody moves it', () => {
    // Arrange
    const clock = new FakeClock(new Date('2026-05-05T10:00:00.000Z'));

    // Act
    const [a, b] = [clock.now(), clock.now()];

    // Assert
    expect(a.toISOString()).toBe('2026-05-05T10:00:00.000Z');
    expect(b.getTime()).toBe(a.getTime());
  });

  it('should move by the given milliseconds when advanced and to the instant when set', () => {
    // Arrange
    const clock = new FakeClock(new Date('2026-05-05T10:00:00.000Z'));

    // Act
    clock.advance(90_000);
    const advanced = clock.now().toISOString();
    clock.set(new Date('2027-01-01T00:00:00.000Z'));
    const set = clock.now().toISOString();

    // Assert
    expect(advanced).toBe('2026-05-05T10:01:30.000Z');
    expect(set).toBe('2027-01-01T00:00:00.000Z');
  });

  it('should not let a caller move time when it mutates a returned date', () => {
    // Arrange
    const clock = new FakeClock(new Date('2026-05-05T10:00:00.000Z'));

    // Act
    clock.now().setFullYear(1999);

    // Assert
    expect(clock.now().toISOString()).toBe('2026-05-05T10:00:00.000Z');
  });

  it('should compute the delay at factor 1 when the due instant is ahead', () => {
    // Arrange
    const clock = new FakeClock(new Date('2026-05-05T10:00:00.000Z'));

    // Act
    const delay = clock.realDelayUntil(new Date('2026-05-05T10:00:05.000Z'));

    // Assert
    expect(delay).toBe(5_000);
  });

  it('should move on by the tick after each reading when it ticks', () => {
    // Arrange
    const clock = new FakeClock(new Date('2026-05-05T10:00:00.000Z'), 5);

    // Act
    const [a, b] = [clock.now(), clock.now()];

    // Assert
    expect(b.getTime() - a.getTime()).toBe(5);
  });
});
