import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { LotReceivedV1 } from '@mes/contracts';
import { Clock, OutboxWriter, UnitOfWork } from '@mes/platform';
import { DEMO_LOTS } from '../modules/lots/demo-lots';
import { LotRepository } from '../modules/lots/lot.repository';
import { LotTimers } from '../modules/lots/lot-timers';
import { lotReceivedData } from '../modules/lots/lot.view';
import { newLot } from '../modules/lots/lots.service';

const DAY_MS = 86_400_000;
const SEED_ACTOR = 'seed';

/**
 * Inserts the demo lots that are missing, each with its LotReceivedV1 in the outbox and its shelf-life timer, all in
 * one transaction. The timer row is written directly (no handlers run here); the service's reconciler sets its alarm.
 */
export async function seedDemoLots(ds: DataSource, clock: Clock): Promise<{ inserted: string[]; existing: string[] }> {
  const lots = new LotRepository(ds);
  const outbox = new OutboxWriter('inventory', clock);
  const now = clock.now();
  const inserted: string[] = [];
  const existing: string[] = [];
  await new UnitOfWork(ds).run(async (tx) => {
    for (const demo of DEMO_LOTS) {
      const expiresAt = new Date(now.getTime() + demo.shelfLifeDays * DAY_MS);
      const lot = newLot(demo, expiresAt, SEED_ACTOR, now, demo.id);
      if (!(await lots.insert(tx, lot))) {
        existing.push(lot.id);
        continue;
      }
      await lots.appendAudit(tx, { lotId: lot.id, action: 'received', fromStatus: null, toStatus: lot.status, reason: 'demo seed', actor: SEED_ACTOR, at: now });
      await outbox.append(tx, LotReceivedV1, lotReceivedData(lot), { subject: lot.id });
      await insertPendingTimer(tx, LotTimers.shelfLife, lot.id, expiresAt);
      inserted.push(lot.id);
    }
  });
  return { inserted, existing };
}

async function insertPendingTimer(tx: EntityManager, kind: string, subjectId: string, dueAt: Date): Promise<void> {
  await tx.query(`INSERT INTO platform_timer (id, kind, subject_id, due_at, state, payload) VALUES ($1, $2, $3, $4, 'pending', '{}')`, [
    randomUUID(),
    kind,
    subjectId,
    dueAt,
  ]);
}
