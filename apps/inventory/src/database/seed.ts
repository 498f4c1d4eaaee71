import { DataSource } from 'typeorm';
import { LotReceivedV1 } from '@mes/contracts';
import { AuditActor, AuditTrail, Clock, OutboxWriter, UnitOfWork, storeTimer } from '@mes/platform';
import { DEMO_EQUIPMENT } from '../modules/equipment/demo-equipment';
import { EquipmentRepository } from '../modules/equipment/equipment.repository';
import { newEquipment, registerEquipment } from '../modules/equipment/equipment.service';
import { AuditEntities } from '../modules/inventory-audit';
import { DEMO_LOTS } from '../modules/lots/demo-lots';
import { LotRepository } from '../modules/lots/lot.repository';
import { LotShelfLifeTimer } from '../modules/lots/lot-timers';
import { lotAuditFields, lotReceivedData } from '../modules/lots/lot.view';
import { newLot } from '../modules/lots/lots.service';

const DAY_MS = 86_400_000;
const SEED_ACTOR: AuditActor = { id: 'seed', name: 'demo seed' };
const SEED_REASON = 'demo seed';

export interface SeedResult {
  inserted: string[];
  existing: string[];
}

/**
 * Inserts the demo lots that are missing, each with its LotReceivedV1 in the outbox, its shelf-life timer and its audit
 * entry, all in one transaction. The timer row is written directly (no handlers run here); the service's reconciler sets its alarm.
 */
export async function seedDemoLots(ds: DataSource, clock: Clock): Promise<SeedResult> {
  const lots = new LotRepository(ds);
  const outbox = new OutboxWriter('inventory', clock);
  const audit = new AuditTrail(clock);
  const now = clock.now();
  const result: SeedResult = { inserted: [], existing: [] };
  await new UnitOfWork(ds).run(async (tx) => {
    for (const demo of DEMO_LOTS) {
      const expiresAt = new Date(now.getTime() + demo.shelfLifeDays * DAY_MS);
      const lot = newLot(demo, expiresAt, SEED_ACTOR.id, now, demo.id);
      if (!(await lots.insert(tx, lot))) {
        result.existing.push(lot.id);
        continue;
      }
      await outbox.append(tx, LotReceivedV1, lotReceivedData(lot), { subject: lot.id });
      await storeTimer(tx, LotShelfLifeTimer, { subjectId: lot.id, dueAt: expiresAt });
      await audit.append(tx, {
        actor: SEED_ACTOR,
        action: 'create',
        entity: AuditEntities.lot,
        entityId: lot.id,
        newValue: lotAuditFields(lot),
        reason: SEED_REASON,
      });
      result.inserted.push(lot.id);
    }
  });
  return result;
}

/** Inserts the demo equipment that is missing (by id or asset tag), each with its EquipmentChangedV1 and audit entries, in one transaction. */
export async function seedDemoEquipment(ds: DataSource, clock: Clock): Promise<SeedResult> {
  const repository = new EquipmentRepository(ds);
  const outbox = new OutboxWriter('inventory', clock);
  const audit = new AuditTrail(clock);
  const now = clock.now();
  const result: SeedResult = { inserted: [], existing: [] };
  await new UnitOfWork(ds).run(async (tx) => {
    for (const demo of DEMO_EQUIPMENT) {
      const dueAt = new Date(now.getTime() + demo.calibrationDueInDays * DAY_MS);
      const unit = newEquipment({ ...demo, reason: demo.statusReason }, SEED_ACTOR.id, now, demo.id);
      const written = await registerEquipment(tx, repository, outbox, {
        equipment: unit,
        // Yearly calibration: done a year before it falls due.
        calibration: { calibratedAt: new Date(dueAt.getTime() - 365 * DAY_MS), dueAt, certificateRef: `CAL-${demo.assetTag}-DEMO` },
        actor: SEED_ACTOR,
        reason: demo.statusReason ?? SEED_REASON,
      });
      if (!written) {
        result.existing.push(demo.id);
        continue;
      }
      for (const entry of written) await audit.append(tx, entry);
      result.inserted.push(demo.id);
    }
  });
  return result;
}
