import { EventData, EquipmentChangedV1 } from '@mes/contracts';
import { EquipmentCalibrationEntity } from './equipment-calibration.entity';
import { EquipmentEntity } from './equipment.entity';
import { calibrationOverdue, isEquipmentUsable } from './equipment.rules';

/** What the API returns for a piece of equipment; `usable` is the answer a step needs before using it. */
export function toEquipmentView(e: EquipmentEntity, now: Date) {
  return {
    id: e.id,
    assetTag: e.assetTag,
    type: e.type,
    name: e.name,
    status: e.status,
    statusReason: e.statusReason,
    calibrationDueAt: e.calibrationDueAt?.toISOString() ?? null,
    lastCalibratedAt: e.lastCalibratedAt?.toISOString() ?? null,
    calibrationCertificate: e.calibrationCertificate,
    calibrationOverdue: calibrationOverdue(e, now),
    usable: isEquipmentUsable(e, now),
    registeredAt: e.registeredAt.toISOString(),
    registeredBy: e.registeredBy,
    updatedAt: e.updatedAt.toISOString(),
    updatedBy: e.updatedBy,
  };
}

export type EquipmentView = ReturnType<typeof toEquipmentView>;

export function toCalibrationView(c: EquipmentCalibrationEntity) {
  return {
    id: c.id,
    calibratedAt: c.calibratedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    certificateRef: c.certificateRef,
    recordedBy: c.recordedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/** EquipmentChangedV1 carries the full state after every change, so a consumer only keeps the latest. */
export function equipmentChangedData(e: EquipmentEntity): EventData<typeof EquipmentChangedV1> {
  return {
    equipmentId: e.id,
    assetTag: e.assetTag,
    type: e.type,
    name: e.name,
    status: e.status,
    calibrationDueAt: e.calibrationDueAt?.toISOString() ?? null,
    changedAt: e.updatedAt.toISOString(),
    changedBy: e.updatedBy,
  };
}

/** The audited fields of a piece of equipment (old/new values of its audit entries). */
export function equipmentAuditFields(e: EquipmentEntity) {
  const { assetTag, type, name, status, statusReason, calibrationDueAt, lastCalibratedAt, calibrationCertificate } = e;
  return { assetTag, type, name, status, statusReason, calibrationDueAt, lastCalibratedAt, calibrationCertificate };
}
