import { RuleViolationProblem } from '@mes/platform';
import { assertWithinHoldTime, formatLotNumber } from './batch-start';

describe(formatLotNumber.name, () => {
  it('should format L<yy><4-digit seq> when the sequence is small', () => {
    expect(formatLotNumber(new Date('2026-12-31T23:59:59Z'), 7)).toBe('L260007');
  });

  it('should keep growing rather than wrap when the sequence passes 9999', () => {
    expect(formatLotNumber(new Date('2030-01-01T00:00:00Z'), 12345)).toBe('L3012345');
  });

  it('should refuse a zero or fractional sequence', () => {
    expect(() => formatLotNumber(new Date(), 0)).toThrow();
    expect(() => formatLotNumber(new Date(), 1.5)).toThrow();
  });
});

describe(assertWithinHoldTime.name, () => {
  const collected = new Date('2026-03-10T08:00:00Z');

  it('should allow a start exactly at the end of the hold time', () => {
    expect(() => assertWithinHoldTime(collected, 48, new Date('2026-03-12T08:00:00Z'))).not.toThrow();
  });

  it('should refuse with apheresis-hold-expired when the hold time has passed', () => {
    expect(() => assertWithinHoldTime(collected, 48, new Date('2026-03-12T08:00:01Z'))).toThrow(RuleViolationProblem);
  });
});
