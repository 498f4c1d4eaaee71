import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EquipmentChangedV1 } from '@mes/contracts';
import { AuditActor, AuthUser, Clock, OutboxWriter, UnitOfWork, AuditTrail } from '@mes/platform';
import { AuditEntities, AuditHistoryRepository, InventoryAuditEntry } from '../inventory-audit';
import { ChangeEquipmentStatusDto } from './dto/change-equipment-status.dto';
import { ListEquipmentQuery } from './dto/list-equipment.query';
import { RecordCalibrationDto } from './dto/record-calibration.dto';
import { RegisterEquipmentDto } from './dto/register-equipment.dto';
import { EquipmentCalibrationEntity } from './equipment-calibration.entity';
import { EquipmentEntity, EquipmentStatus } from './equipment.entity';
import { EquipmentErrors } from './equipment.errors';
import { EquipmentRepository } from './equipment.repository';
import { CalibrationFacts, assertCalibratable, assertCalibration, statusTransition } from './equipment.rules';
import { EquipmentView, equipmentAuditFields, equipmentChangedData, toCalibrationView, toEquipmentView } from './equipment.view';
import { InventoryAuditEntity } from '../inventory-audit';

/** The equipment registry: every change, its EquipmentChangedV1 and its audit entries commit together. */
@Injectable()
export class EquipmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly equipment: EquipmentRepository,
    private readonly history: AuditHistoryRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<InventoryAuditEntity>,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterEquipmentDto, user: AuthUser): Promise<EquipmentView> {
    const now = this.clock.now();
    const calibration = input.calibration ? toFacts(input.calibration) : null;
    if (calibration) assertCalibration(calibration, now);
    const unit = newEquipment(input, user.username, now);
    await this.uow.run(async (tx) => {
      const entries = await registerEquipment(tx, this.equipment, this.outbox, {
        equipment: unit,
        calibration: calibration && input.calibration ? { ...calibration, certificateRef: input.calibration.certificateRef } : null,
        actor: user,
        reason: input.reason ?? null,
      });
      if (!entries) throw EquipmentErrors.assetTagTaken(input.assetTag);
      for (const entry of entries) await this.audit.append(tx, entry);
    });
    return toEquipmentView(unit, now);
  }

  recordCalibration(id: string, input: RecordCalibrationDto, user: AuthUser): Promise<EquipmentView> {
    return this.uow.run(async (tx) => {
      const unit = await this.lock(tx, id);
      const now = this.clock.now();
      const facts = toFacts(input);
      assertCalibratable(unit, facts, now);
      const before = equipmentAuditFields(unit);
      const calibration = newCalibration(unit.id, { ...facts, certificateRef: input.certificateRef }, user.username, now);
      await this.equipment.insertCalibration(tx, calibration);
      Object.assign(unit, {
        calibrationDueAt: facts.dueAt,
        lastCalibratedAt: facts.calibratedAt,
        calibrationCertificate: input.certificateRef,
        updatedAt: now,
        updatedBy: user.username,
      });
      await this.equipment.save(tx, unit);
      await this.outbox.append(tx, EquipmentChangedV1, equipmentChangedData(unit), { subject: unit.id });
      await this.audit.change(tx, { entity: AuditEntities.equipmentCalibration, id: calibration.id, actor: user, after: calibration });
      await this.audit.change(tx, {
        entity: AuditEntities.equipment,
        id: unit.id,
        actor: user,
        before: before,
        after: equipmentAuditFields(unit),
        reason: `calibrated (certificate ${input.certificateRef})`,
      });
      return toEquipmentView(unit, now);
    });
  }

  changeStatus(id: string, input: ChangeEquipmentStatusDto, user: AuthUser): Promise<EquipmentView> {
    return this.uow.run(async (tx) => {
      const unit = await this.lock(tx, id);
      const now = this.clock.now();
      const status = statusTransition(unit, input.status, now);
      const before = equipmentAuditFields(unit);
      Object.assign(unit, { status, statusReason: input.reason, updatedAt: now, updatedBy: user.username });
      await this.equipment.save(tx, unit);
      await this.outbox.append(tx, EquipmentChangedV1, equipmentChangedData(unit), { subject: unit.id });
      await this.audit.change(tx, {
        entity: AuditEntities.equipment,
        id: unit.id,
        actor: user,
        before: before,
        after: equipmentAuditFields(unit),
        reason: input.reason,
      });
      return toEquipmentView(unit, now);
    });
  }

  async get(id: string) {
    const unit = await this.equipment.findById(id);
    if (!unit) throw EquipmentErrors.notFound(id);
    const calibrations = await this.equipment.calibrations(id);
    return { ...toEquipmentView(unit, this.clock.now()), calibrations: calibrations.map(toCalibrationView) };
  }

  async list(query: ListEquipmentQuery): Promise<EquipmentView[]> {
    const now = this.clock.now();
    return (await this.equipment.list(query)).map((e) => toEquipmentView(e, now));
  }

  async auditTrail(id: string) {
    if (!(await this.equipment.findById(id))) throw EquipmentErrors.notFound(id);
    return this.history.forEntity(AuditEntities.equipment, id);
  }

  private async lock(tx: EntityManager, id: string): Promise<EquipmentEntity> {
    const unit = await this.equipment.findForUpdate(tx, id);
    if (!unit) throw EquipmentErrors.notFound(id);
    return unit;
  }
}

export interface NewRegistration {
  equipment: EquipmentEntity;
  calibration: (CalibrationFacts & { certificateRef: string }) | null;
  actor: AuditActor;
  reason: string | null;
}

/**
 * Inserts the equipment (and the calibration it arrives with) and its EquipmentChangedV1 in the caller's transaction,
 * and returns its audit entries; null (nothing written) when the id or asset tag exists.
 * Shared with the seed.
 */
export async function registerEquipment(
  tx: EntityManager,
  repository: Pick<EquipmentRepository, 'insert' | 'insertCalibration'>,
  outbox: Pick<OutboxWriter, 'append'>,
  registration: NewRegistration,
): Promise<InventoryAuditEntry[] | null> {
  const { equipment: unit, calibration, actor, reason } = registration;
  if (calibration) {
    Object.assign(unit, {
      calibrationDueAt: calibration.dueAt,
      lastCalibratedAt: calibration.calibratedAt,
      calibrationCertificate: calibration.certificateRef,
    });
  }
  if (!(await repository.insert(tx, unit))) return null;
  const entries: InventoryAuditEntry[] = [
    { actor, action: 'create', entity: AuditEntities.equipment, entityId: unit.id, newValue: equipmentAuditFields(unit), reason },
  ];
  if (calibration) {
    const record = newCalibration(unit.id, calibration, unit.registeredBy, unit.registeredAt);
    await repository.insertCalibration(tx, record);
    entries.push({ actor, action: 'create', entity: AuditEntities.equipmentCalibration, entityId: record.id, newValue: record, reason });
  }
  await outbox.append(tx, EquipmentChangedV1, equipmentChangedData(unit), { subject: unit.id });
  return entries;
}

export function newEquipment(
  input: Pick<RegisterEquipmentDto, 'assetTag' | 'type' | 'name' | 'reason'> & { status: EquipmentStatus },
  actor: string,
  now: Date,
  id: string = randomUUID(),
): EquipmentEntity {
  return Object.assign(new EquipmentEntity(), {
    id,
    assetTag: input.assetTag,
    type: input.type,
    name: input.name,
    status: input.status,
    statusReason: input.reason ?? null,
    calibrationDueAt: null,
    lastCalibratedAt: null,
    calibrationCertificate: null,
    registeredAt: now,
    registeredBy: actor,
    updatedAt: now,
    updatedBy: actor,
  } satisfies EquipmentEntity);
}

function newCalibration(
  equipmentId: string,
  c: CalibrationFacts & { certificateRef: string },
  recordedBy: string,
  now: Date,
): EquipmentCalibrationEntity {
  return Object.assign(new EquipmentCalibrationEntity(), {
    id: randomUUID(),
    equipmentId,
    calibratedAt: c.calibratedAt,
    dueAt: c.dueAt,
    certificateRef: c.certificateRef,
    recordedBy,
    recordedAt: now,
  } satisfies EquipmentCalibrationEntity);
}

const toFacts = (c: RecordCalibrationDto): CalibrationFacts => ({ calibratedAt: new Date(c.calibratedAt), dueAt: new Date(c.dueAt) });
