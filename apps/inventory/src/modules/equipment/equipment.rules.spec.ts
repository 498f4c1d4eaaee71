import { Problem } from '@mes/platform';
import { EquipmentEntity, EquipmentStatus } from './equipment.entity';
import { assertCalibratable, assertCalibration, calibrationOverdue, isEquipmentUsable, statusTransition } from './equipment.rules';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const H = 3_600_000;
const DAY = 24 * H;

function unit(status: EquipmentStatus, over: Partial<EquipmentEntity> = {}): EquipmentEntity {
  return Object.assign(new EquipmentEntity(), {
    id: 'eq-1',
    status,
    calibrationDueAt: new Date(NOW.getTime() + 30 * DAY),
    lastCalibratedAt: new Date(NOW.getTime() - 300 * DAY),
    ...over,
  });
}

function problemOf(fn: () => unknown): Problem {
  try {
    fn();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('equipment rules', () => {
  describe(calibrationOverdue.name, () => {
    it('should be overdue from the due instant on, and not an hour before it', () => {
      expect(calibrationOverdue(unit('in-service', { calibrationDueAt: NOW }), NOW)).toBe(true);
      expect(calibrationOverdue(unit('in-service', { calibrationDueAt: new Date(NOW.getTime() + H) }), NOW)).toBe(false);
    });

    it('should never be overdue when the equipment is not subject to calibration', () => {
      expect(calibrationOverdue(unit('in-service', { calibrationDueAt: null }), NOW)).toBe(false);
    });
  });

  describe(isEquipmentUsable.name, () => {
    it('should be usable when in service and calibrated', () => {
      expect(isEquipmentUsable(unit('in-service'), NOW)).toBe(true);
    });

    it.each<EquipmentStatus>(['out-of-service', 'retired'])('should not be usable when %s', (status) => {
      expect(isEquipmentUsable(unit(status), NOW)).toBe(false);
    });

    it('should not be usable when in service but past its calibration due date', () => {
      expect(isEquipmentUsable(unit('in-service', { calibrationDueAt: new Date(NOW.getTime() - H) }), NOW)).toBe(false);
    });
  });

  describe(assertCalibration.name, () => {
    const cal = (calibratedAtOffset: number, dueAtOffset: number) => ({
      calibratedAt: new Date(NOW.getTime() + calibratedAtOffset),
      dueAt: new Date(NOW.getTime() + dueAtOffset),
    });

    it('should accept a calibration done today and due in a year', () => {
      expect(() => assertCalibration(cal(0, 365 * DAY), NOW)).not.toThrow();
    });

    it('should refuse with 422 on calibratedAt when the calibration is dated in the future', () => {
      expect(problemOf(() => assertCalibration(cal(H, 365 * DAY), NOW))).toMatchObject({
        status: 422,
        code: 'invalid-calibration',
        errors: [{ field: 'calibratedAt' }],
      });
    });

    it('should refuse with 422 on dueAt when the due date is not after the calibration', () => {
      expect(problemOf(() => assertCalibration(cal(-2 * DAY, -2 * DAY), NOW))).toMatchObject({
        status: 422,
        errors: [{ field: 'dueAt', reason: 'must be after calibratedAt' }],
      });
    });

    it('should refuse with 422 on dueAt when the calibration has already lapsed', () => {
      expect(problemOf(() => assertCalibration(cal(-400 * DAY, -DAY), NOW))).toMatchObject({
        status: 422,
        errors: [{ field: 'dueAt', reason: 'must be in the future' }],
      });
    });

    it('should refuse a calibration older than the one on record, which would shorten the due date', () => {
      const problem = problemOf(() => assertCalibration(cal(-10 * DAY, 300 * DAY), NOW, new Date(NOW.getTime() - 5 * DAY)));
      expect(problem).toMatchObject({ status: 422, errors: [{ field: 'calibratedAt' }] });
    });
  });

  describe(assertCalibratable.name, () => {
    const fresh = { calibratedAt: NOW, dueAt: new Date(NOW.getTime() + 365 * DAY) };

    it('should allow calibrating equipment that is out of service (how it comes back)', () => {
      expect(() => assertCalibratable(unit('out-of-service'), fresh, NOW)).not.toThrow();
    });

    it('should refuse with 409 equipment-retired when the equipment is retired', () => {
      expect(problemOf(() => assertCalibratable(unit('retired'), fresh, NOW))).toMatchObject({ status: 409, code: 'equipment-retired' });
    });
  });

  describe(statusTransition.name, () => {
    it.each<[EquipmentStatus, EquipmentStatus]>([
      ['in-service', 'out-of-service'],
      ['out-of-service', 'in-service'],
      ['in-service', 'retired'],
      ['out-of-service', 'retired'],
    ])('should allow %s → %s', (from, to) => {
      expect(statusTransition(unit(from), to, NOW)).toBe(to);
    });

    it('should refuse with 409 when the equipment already has the status', () => {
      expect(problemOf(() => statusTransition(unit('out-of-service'), 'out-of-service', NOW))).toMatchObject({
        status: 409,
        code: 'equipment-already-out-of-service',
      });
    });

    it.each<EquipmentStatus>(['in-service', 'out-of-service'])('should refuse with 409 when retired equipment would become %s', (to) => {
      expect(problemOf(() => statusTransition(unit('retired'), to, NOW))).toMatchObject({
        status: 409,
        code: 'invalid-equipment-transition',
      });
    });

    it('should refuse with 422 calibration-overdue when equipment past its due date would go back in service', () => {
      const lapsed = unit('out-of-service', { calibrationDueAt: new Date(NOW.getTime() - H) });
      expect(problemOf(() => statusTransition(lapsed, 'in-service', NOW))).toMatchObject({
        status: 422,
        code: 'calibration-overdue',
        errors: [{ field: 'calibrationDueAt' }],
      });
    });

    it('should allow taking overdue equipment out of service', () => {
      expect(statusTransition(unit('in-service', { calibrationDueAt: new Date(NOW.getTime() - H) }), 'out-of-service', NOW)).toBe(
        'out-of-service',
      );
    });

    it('should put equipment that is not subject to calibration back in service', () => {
      expect(statusTransition(unit('out-of-service', { calibrationDueAt: null }), 'in-service', NOW)).toBe('in-service');
    });
  });
});
