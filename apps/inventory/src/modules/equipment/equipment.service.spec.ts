import { AuthUser } from '@mes/platform';
import { platformTwin } from '@mes/testing';
import { AuditHistoryRepository } from '../inventory-audit';
import { EquipmentCalibrationEntity } from './equipment-calibration.entity';
import { EquipmentEntity } from './equipment.entity';
import { EquipmentRepository } from './equipment.repository';
import { EquipmentService } from './equipment.service';

const USER: AuthUser = { id: 'u-sup', username: 'supervisor', name: 'Sam Supervisor', roles: ['supervisor'], clinicId: null };
const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

function setup() {
  const p = platformTwin({ now: NOW, producer: 'inventory' });
  const units = new Map<string, EquipmentEntity>();
  const calibrations: EquipmentCalibrationEntity[] = [];
  const repo = {
    insert: async (_tx: unknown, e: EquipmentEntity) => {
      if ([...units.values()].some((u) => u.id === e.id || u.assetTag === e.assetTag)) return false;
      units.set(e.id, e);
      return true;
    },
    save: async (_tx: unknown, e: EquipmentEntity) => (units.set(e.id, e), e),
    findForUpdate: async (_tx: unknown, id: string) => units.get(id) ?? null,
    insertCalibration: async (_tx: unknown, c: EquipmentCalibrationEntity) => void calibrations.push(c),
  };
  const service = new EquipmentService(
    p.uow,
    repo as unknown as EquipmentRepository,
    {} as AuditHistoryRepository,
    p.outbox,
    p.audit,
    p.clock,
  );
  return { clock: p.clock, units, calibrations, events: p.outbox.recorded, audit: p.audit.entries, uow: p.uow, service };
}

const registration = (over: Record<string, unknown> = {}) => ({
  assetTag: 'EQ-BSC-07',
  type: 'BSC',
  name: 'Biosafety cabinet',
  status: 'in-service' as const,
  calibration: { calibratedAt: iso(-DAY), dueAt: iso(364 * DAY), certificateRef: 'CAL-123' },
  ...over,
});

describe(EquipmentService.name, () => {
  it('should store the unit and its calibration and announce its full state when equipment is registered', async () => {
    const { service, events, calibrations, audit } = setup();
    const view = await service.register(registration(), USER);
    expect(view).toMatchObject({ status: 'in-service', calibrationDueAt: iso(364 * DAY), usable: true, calibrationOverdue: false });
    expect(calibrations).toEqual([expect.objectContaining({ equipmentId: view.id, certificateRef: 'CAL-123' })]);
    expect(events.map(({ type, subject, data }) => ({ type, subject, data }))).toEqual([
      {
        type: 'inventory.equipment.changed',
        subject: view.id,
        data: {
          equipmentId: view.id,
          assetTag: 'EQ-BSC-07',
          type: 'BSC',
          name: 'Biosafety cabinet',
          status: 'in-service',
          calibrationDueAt: iso(364 * DAY),
          changedAt: NOW.toISOString(),
          changedBy: 'supervisor',
        },
      },
    ]);
    expect(audit.map((e) => [e.action, e.entity])).toEqual([
      ['create', 'equipment'],
      ['create', 'equipment_calibration'],
    ]);
  });

  it('should refuse with 409 asset-tag-taken and announce nothing when the asset tag is registered already', async () => {
    const { service, events } = setup();
    await service.register(registration(), USER);
    await expect(service.register(registration({ name: 'Another' }), USER)).rejects.toMatchObject({ status: 409, code: 'asset-tag-taken' });
    expect(events).toHaveLength(1);
  });

  it('should write nothing when the calibration it arrives with has lapsed', async () => {
    const { service, uow } = setup();
    const lapsed = registration({ calibration: { calibratedAt: iso(-400 * DAY), dueAt: iso(-DAY), certificateRef: 'OLD' } });
    await expect(service.register(lapsed, USER)).rejects.toMatchObject({ status: 422, code: 'invalid-calibration' });
    expect(uow.commits + uow.rollbacks).toBe(0);
  });

  it('should move the due date, keep the calibration and announce it when a calibration is recorded', async () => {
    const { service, events, calibrations, audit, clock } = setup();
    const { id } = await service.register(registration(), USER);
    clock.set(new Date(NOW.getTime() + 360 * DAY));
    const view = await service.recordCalibration(
      id,
      { calibratedAt: iso(359 * DAY), dueAt: iso(724 * DAY), certificateRef: 'CAL-456' },
      USER,
    );
    expect(view).toMatchObject({ calibrationDueAt: iso(724 * DAY), lastCalibratedAt: iso(359 * DAY), calibrationCertificate: 'CAL-456' });
    expect(calibrations).toHaveLength(2);
    expect(events[1]).toMatchObject({
      type: 'inventory.equipment.changed',
      data: { calibrationDueAt: iso(724 * DAY), changedAt: iso(360 * DAY) },
    });
    expect(audit.slice(2)).toEqual([
      expect.objectContaining({ action: 'create', entity: 'equipment_calibration' }),
      expect.objectContaining({
        action: 'update',
        entity: 'equipment',
        oldValue: expect.objectContaining({ calibrationCertificate: 'CAL-123' }),
        newValue: expect.objectContaining({ calibrationCertificate: 'CAL-456' }),
      }),
    ]);
  });

  it('should record the reason and announce the new status when equipment is taken out of service', async () => {
    const { service, events, audit } = setup();
    const { id } = await service.register(registration(), USER);
    const view = await service.changeStatus(id, { status: 'out-of-service', reason: 'HEPA filter failed integrity test' }, USER);
    expect(view).toMatchObject({ status: 'out-of-service', statusReason: 'HEPA filter failed integrity test', usable: false });
    expect(events[1]).toMatchObject({ data: { status: 'out-of-service' } });
    expect(audit[2]).toMatchObject({
      action: 'update',
      reason: 'HEPA filter failed integrity test',
      oldValue: { status: 'in-service' },
      newValue: { status: 'out-of-service' },
    });
  });

  it('should refuse and announce nothing when overdue equipment would go back in service', async () => {
    const { service, events, clock } = setup();
    const { id } = await service.register(registration(), USER);
    await service.changeStatus(id, { status: 'out-of-service', reason: 'maintenance' }, USER);
    clock.set(new Date(NOW.getTime() + 365 * DAY));
    await expect(service.changeStatus(id, { status: 'in-service', reason: 'maintenance done' }, USER)).rejects.toMatchObject({
      status: 422,
      code: 'calibration-overdue',
    });
    expect(events).toHaveLength(2);
  });

  it('should refuse with 404 when the equipment does not exist', async () => {
    const { service } = setup();
    await expect(
      service.changeStatus('e0000000-0000-4000-8000-000000000099', { status: 'retired', reason: 'x' }, USER),
    ).rejects.toMatchObject({ status: 404 });
  });
});
