import { EquipmentEntity, EquipmentStatus } from './equipment.entity';
import { EquipmentErrors } from './equipment.errors';

type EquipmentState = Pick<EquipmentEntity, 'id' | 'status' | 'calibrationDueAt' | 'lastCalibratedAt'>;

export interface CalibrationFacts {
  calibratedAt: Date;
  dueAt: Date;
}

/** Overdue from the due instant on (batch-record checks the same instant, at hour resolution or finer). */
export function calibrationOverdue(equipment: Pick<EquipmentEntity, 'calibrationDueAt'>, now: Date): boolean {
  return equipment.calibrationDueAt !== null && equipment.calibrationDueAt.getTime() <= now.getTime();
}

/** Whether a step may use the equipment now: in service and not past its calibration due date. */
export function isEquipmentUsable(equipment: Pick<EquipmentEntity, 'status' | 'calibrationDueAt'>, now: Date): boolean {
  return equipment.status === 'in-service' && !calibrationOverdue(equipment, now);
}

/**
 * A calibration happened (not in the future), is due after it was done and after now (a certificate that is
 * already lapsed proves nothing), and is not older than the one on record (a late entry must not shorten the due date).
 */
export function assertCalibration(calibration: CalibrationFacts, now: Date, lastCalibratedAt: Date | null = null): void {
  const { calibratedAt, dueAt } = calibration;
  if (calibratedAt.getTime() > now.getTime()) throw EquipmentErrors.invalidCalibration('calibratedAt', 'must not be in the future');
  if (dueAt.getTime() <= calibratedAt.getTime()) throw EquipmentErrors.invalidCalibration('dueAt', 'must be after calibratedAt');
  if (dueAt.getTime() <= now.getTime()) throw EquipmentErrors.invalidCalibration('dueAt', 'must be in the future');
  if (lastCalibratedAt && calibratedAt.getTime() < lastCalibratedAt.getTime()) {
    throw EquipmentErrors.invalidCalibration(
      'calibratedAt',
      `must not be before the calibration on record (${lastCalibratedAt.toISOString()})`,
    );
  }
}

/** Retired equipment is final: it is neither calibrated nor brought back. */
export function assertCalibratable(equipment: EquipmentState, calibration: CalibrationFacts, now: Date): void {
  if (equipment.status === 'retired') throw EquipmentErrors.retired(equipment.id);
  assertCalibration(calibration, now, equipment.lastCalibratedAt);
}

/** in-service ⇄ out-of-service, either → retired (final); back in service only inside its calibration. */
export function statusTransition(equipment: EquipmentState, to: EquipmentStatus, now: Date): EquipmentStatus {
  if (equipment.status === to) throw EquipmentErrors.alreadyInStatus(equipment.id, to);
  if (equipment.status === 'retired') throw EquipmentErrors.invalidTransition(equipment.id, equipment.status, to);
  if (to === 'in-service' && equipment.calibrationDueAt && calibrationOverdue(equipment, now)) {
    throw EquipmentErrors.calibrationOverdue(equipment.id, equipment.calibrationDueAt, now);
  }
  return to;
}
