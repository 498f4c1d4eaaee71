import { holdIsOver, holdSchedule, hoursLeft } from './apheresis-hold.rules';

const COLLECTED = new Date('2026-03-01T08:00:00.000Z');

describe('apheresis hold rules', () => {
  describe(holdSchedule.name, () => {
    it('should end the hold holdTimeHours after collection', () => {
      expect(holdSchedule(COLLECTED, 48).holdUntil.toISOString()).toBe('2026-03-03T08:00:00.000Z');
    });

    it('should warn 12 h before the end when the hold is at least 24 h', () => {
      expect(holdSchedule(COLLECTED, 48).warnAt.toISOString()).toBe('2026-03-02T20:00:00.000Z');
      expect(holdSchedule(COLLECTED, 24).warnAt.toISOString()).toBe('2026-03-01T20:00:00.000Z');
    });

    it('should warn at 75 % of the hold when the hold is shorter than 24 h', () => {
      expect(holdSchedule(COLLECTED, 8).warnAt.toISOString()).toBe('2026-03-01T14:00:00.000Z');
      expect(holdSchedule(COLLECTED, 23).warnAt.toISOString()).toBe('2026-03-02T01:15:00.000Z');
    });

    it('should throw when the hold time is not positive', () => {
      expect(() => holdSchedule(COLLECTED, 0)).toThrow();
    });
  });

  describe(hoursLeft.name, () => {
    const until = new Date('2026-03-03T08:00:00.000Z');

    it('should give the hours left to one decimal', () => {
      expect(hoursLeft(until, new Date('2026-03-02T20:00:00.000Z'))).toBe(12);
      expect(hoursLeft(until, new Date('2026-03-03T06:33:00.000Z'))).toBe(1.5);
    });

    it('should never be negative when the hold is over', () => {
      expect(hoursLeft(until, new Date('2026-03-04T00:00:00.000Z'))).toBe(0);
    });
  });

  describe(holdIsOver.name, () => {
    it('should be over at and after holdUntil, not before', () => {
      const until = new Date('2026-03-03T08:00:00.000Z');
      expect(holdIsOver(until, new Date(until.getTime() - 1))).toBe(false);
      expect(holdIsOver(until, until)).toBe(true);
    });
  });
});
