import { dueAtFor, expectedReleaseAt, expectedReleaseChange } from './expected-release';
import { CAR_T_RELEASE } from './test-plan';

const at = (iso: string) => new Date(iso);

describe('expected release date', () => {
  it('should set each due time to the sample time plus the test duration when samples are drawn', () => {
    const sampledAt = at('2026-03-01T10:00:00.000Z');
    const due = Object.fromEntries(CAR_T_RELEASE.tests.map((t) => [t.code, dueAtFor(sampledAt, t).toISOString()]));
    expect(due).toEqual({
      sterility: '2026-03-15T10:00:00.000Z',
      endotoxin: '2026-03-02T10:00:00.000Z',
      viability: '2026-03-01T14:00:00.000Z',
      'car-expression': '2026-03-03T10:00:00.000Z',
      mycoplasma: '2026-03-02T10:00:00.000Z',
    });
  });

  it('should expect release when the slowest test is due', () => {
    const sampledAt = at('2026-03-01T10:00:00.000Z');
    const dueAts = CAR_T_RELEASE.tests.map((t) => dueAtFor(sampledAt, t));
    expect(expectedReleaseAt(dueAts)?.toISOString()).toBe('2026-03-15T10:00:00.000Z');
  });

  it('should have no expected release date when there are no tests', () => {
    expect(expectedReleaseAt([])).toBeNull();
  });

  it('should announce a first date with no previous one when the batch had no tests', () => {
    expect(expectedReleaseChange([], [at('2026-03-15T10:00:00Z')])).toEqual({
      expectedReleaseAt: at('2026-03-15T10:00:00Z'),
      previousExpectedReleaseAt: null,
    });
  });

  it('should announce the new date with the old one when a later test moves it', () => {
    const before = [at('2026-03-02T10:00:00Z')];
    expect(expectedReleaseChange(before, [...before, at('2026-03-15T10:00:00Z')])).toEqual({
      expectedReleaseAt: at('2026-03-15T10:00:00Z'),
      previousExpectedReleaseAt: at('2026-03-02T10:00:00Z'),
    });
  });

  it('should announce nothing when the date does not move', () => {
    const before = [at('2026-03-15T10:00:00Z')];
    expect(expectedReleaseChange(before, [...before, at('2026-03-02T10:00:00Z')])).toBeNull();
    expect(expectedReleaseChange(before, before)).toBeNull();
  });
});
