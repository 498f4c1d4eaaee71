import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditTrail, AuthUser, OutboxWriter, SignatureVerifier, TimerService, UnitOfWork, createDataSource } from '@mes/platform';
import { FakeClock } from '@mes/testing';
import { batchRecordDataSourceOptions } from './database/data-source';
import { BatchRepository } from './modules/batches/batch.repository';
import { BatchesService } from './modules/batches/batches.service';
import { BatchProgressService } from './modules/batches/batch-progress.service';
import { BatchViewService } from './modules/batches/batch-view.service';
import { StepExecutionService } from './modules/batches/step-execution.service';
import { DeviationRepository } from './modules/deviations/deviation.repository';
import { DeviationService } from './modules/deviations/deviation.service';
import { EquipmentViewRepository } from './modules/materials/equipment-view.repository';
import { SignatureRepository } from './modules/signatures/signature.repository';
import { SignatureService } from './modules/signatures/signature.service';
import { TimingService } from './modules/timing/timing.service';
import { TrainingRepository } from './modules/training/training.repository';
import { TrainingService } from './modules/training/training.service';
import { CoiGenerator } from './modules/chain-of-identity/coi-generator';
import { CoiMismatch } from './modules/chain-of-identity/coi-mismatch';
import { IdentityRefusalRepository } from './modules/chain-of-identity/identity-refusal.repository';
import { IdentityRefusalService } from './modules/chain-of-identity/identity-refusal.service';
import { MasterBatchRecordRepository } from './modules/master-batch-records/master-batch-record.repository';
import { LotViewRepository } from './modules/materials/lot-view.repository';
import { OrderRepository } from './modules/orders/order.repository';
import { OrdersService } from './modules/orders/orders.service';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `audit_it_${process.pid}_${Date.now()}`;
const WIRING_DB_NAME = `${DB_NAME}_br`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe(AuditTrail.name, () => {
  const clock = new FakeClock(new Date('2026-03-01T08:00:00.000Z'));
  const audit = new AuditTrail(clock);
  const actor = { id: 'user-operator', name: 'Olga Operator' };
  let ds: DataSource;
  let uow: UnitOfWork;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${DB_NAME}`);
    ds = await createDataSource(batchRecordDataSourceOptions(`postgres://postgres@127.0.0.1:5432/${DB_NAME}`)).initialize();
    await ds.runMigrations({ transaction: 'each' });
    uow = new UnitOfWork(ds);
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  });

  it('should chain entries appended in transactions and verify them as intact', async () => {
    const orderId = randomUUID();
    await uow.run((tx) =>
      audit.append(tx, {
        actor,
        action: 'create',
        entity: 'order',
        entityId: orderId,
        newValue: { state: 'placed', coi: 'COI-ABCD-EFGH' },
      }),
    );
    clock.advance(60_000);
    await uow.run((tx) =>
      audit.append(tx, {
        actor,
        action: 'update',
        entity: 'order',
        entityId: orderId,
        oldValue: { state: 'placed', apheresisCollectedAt: null },
        // Keys out of order and a Date: the stored jsonb must verify all the same.
        newValue: { state: 'apheresis-received', apheresisCollectedAt: new Date('2026-03-01T06:00:00.000Z'), a: { z: 1, b: [2, 1.5] } },
      }),
    );
    clock.advance(60_000);
    await uow.run((tx) =>
      audit.append(tx, {
        actor,
        action: 'create',
        entity: 'batch',
        entityId: randomUUID(),
        newValue: { lotNumber: 'L260001' },
        reason: 'start',
      }),
    );
    // A rolled-back append leaves no entry and no gap in the chain.
    await expect(
      uow.run(async (tx) => {
        await audit.append(tx, { actor, action: 'create', entity: 'batch', entityId: randomUUID(), newValue: {} });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    await expect(audit.verify(ds.manager)).resolves.toEqual({ ok: true, entries: 3 });
    const [row] = await ds.query(`SELECT occurred_at, prev_hash FROM platform_audit WHERE seq = 1`);
    expect(new Date(row.occurred_at).toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(row.prev_hash).toBe('0'.repeat(64));
  });

  it('should refuse an UPDATE or DELETE while the append-only trigger is on', async () => {
    await expect(ds.query(`UPDATE platform_audit SET actor_name = 'Mallory' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM platform_audit WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(audit.verify(ds.manager)).resolves.toEqual({ ok: true, entries: 3 });
  });

  it('should report the first broken entry when a superuser edits one with the trigger disabled', async () => {
    await ds.query(`ALTER TABLE platform_audit DISABLE TRIGGER ALL`);
    await ds.query(`UPDATE platform_audit SET new_value = '{"state": "placed"}' WHERE seq = 2`);
    await ds.query(`ALTER TABLE platform_audit ENABLE TRIGGER ALL`);

    await expect(audit.verify(ds.manager)).resolves.toEqual({
      ok: false,
      entries: 3,
      firstBrokenSeq: '2',
      reason: expect.stringContaining('altered'),
    });
  });

  it('should report the entry after one a superuser deleted', async () => {
    await ds.query(`ALTER TABLE platform_audit DISABLE TRIGGER ALL`);
    await ds.query(`DELETE FROM platform_audit WHERE seq = 2`);
    await ds.query(`ALTER TABLE platform_audit ENABLE TRIGGER ALL`);

    await expect(audit.verify(ds.manager)).resolves.toEqual({
      ok: false,
      entries: 2,
      firstBrokenSeq: '3',
      reason: expect.stringContaining('removed'),
    });
  });
});

describe('batch-record audit entries', () => {
  const clock = new FakeClock(new Date('2026-03-01T08:00:00.000Z'));
  const audit = new AuditTrail(clock);
  const clinic: AuthUser = { id: 'u-clinic', username: 'clinic-a', name: 'Clara Clinic', roles: ['clinic'], clinicId: 'CLINIC-A' };
  const operator: AuthUser = { id: 'u-op', username: 'operator', name: 'Olga Operator', roles: ['operator'], clinicId: null };
  let ds: DataSource;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${WIRING_DB_NAME}`);
    ds = await createDataSource(batchRecordDataSourceOptions(`postgres://postgres@127.0.0.1:5432/${WIRING_DB_NAME}`)).initialize();
    await ds.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS ${WIRING_DB_NAME} WITH (FORCE)`);
  });

  it('should write one audit entry per GMP record change, in a chain that verifies', async () => {
    const uow = new UnitOfWork(ds);
    const outbox = new OutboxWriter('batch-record', clock);
    const orderRepo = new OrderRepository(ds);
    const batchRepo = new BatchRepository(ds);
    const refusalRepo = new IdentityRefusalRepository(ds);
    const refusals = new IdentityRefusalService(uow, clock, refusalRepo, audit);
    const orders = new OrdersService(uow, outbox, audit, clock, orderRepo, new CoiGenerator(), refusals, refusalRepo);
    // Unit under test: the real services on a real database; only identity's password check and Redis alarms are faked.
    const verifier = {
      verify: async () => ({ verifiedAt: clock.now().toISOString(), firstInSession: false, name: operator.name, userId: operator.id }),
      confirmOnCommit: () => undefined,
    } as unknown as SignatureVerifier;
    const timers = { handle: () => undefined, schedule: async () => undefined, cancel: async () => 0 } as unknown as TimerService;
    const mbrRepo = new MasterBatchRecordRepository(ds);
    const signatures = new SignatureService(verifier, clock, audit, new SignatureRepository(ds), { SITE_TIME_ZONE: 'Europe/Berlin' });
    const deviations = new DeviationService(uow, clock, audit, outbox, new DeviationRepository(ds), signatures);
    const timing = new TimingService(ds, timers, clock, outbox, deviations, audit);
    const training = new TrainingService(uow, clock, audit, new TrainingRepository(ds), mbrRepo);
    const progress = new BatchProgressService(clock, outbox, audit, batchRepo);
    const views = new BatchViewService(signatures, timing);
    const batches = new BatchesService(uow, outbox, audit, clock, batchRepo, orderRepo, mbrRepo, views, progress, signatures);
    const lotRepo = new LotViewRepository(ds);
    const steps = new StepExecutionService(
      uow,
      outbox,
      audit,
      clock,
      batchRepo,
      lotRepo,
      new EquipmentViewRepository(ds),
      refusals,
      training,
      timing,
      deviations,
      signatures,
      progress,
      views,
    );
    await ds.query(
      `INSERT INTO training_record (id, username, operation_code, valid_until, granted_at, granted_by)
       SELECT gen_random_uuid(), 'operator', operation_code, '2027-01-01T00:00:00Z', now(), 'test' FROM (SELECT DISTINCT operation_code FROM mbr_step) o`,
    );
    const sign = { username: 'operator', password: 'irrelevant: the verifier is faked' };

    const order = await orders.place(clinic, { productCode: 'CD19-CAR-T', slotDate: '2026-03-05' });
    const receipt = { bagId: 'BAG-1', collectedAt: '2026-03-01T06:00:00.000Z' };
    await expect(orders.receiveApheresis(operator, order.id, { ...receipt, scannedCoi: 'COI-WRNG-WRNG' })).rejects.toBeInstanceOf(
      CoiMismatch,
    );
    await orders.receiveApheresis(operator, order.id, { ...receipt, scannedCoi: order.coi });
    clock.advance(3_600_000);
    const batch = await batches.start(operator, { orderId: order.id, mbrCode: 'CD19-CAR-T-SKELETON' });
    const none = { materials: [], equipment: [], signature: sign };
    await steps.complete(operator, 'token', batch.id, 'COI-CHECK', {
      ...none,
      scannedCoi: order.coi,
      values: { viableCellCount: 2.1, viability: 93 },
    });
    const lotId = randomUUID();
    await ds.query(
      `INSERT INTO lot_view (lot_id, material_code, status, expires_at, expired, updated_at, quantity_available, unit)
       VALUES ($1, 'IL2-CYTOKINE', 'released', '2027-01-01T00:00:00Z', false, now(), 10, 'vial')`,
      [lotId],
    );
    await steps.complete(operator, 'token', batch.id, 'ACTIVATION', {
      ...none,
      scannedCoi: order.coi,
      values: {},
      materials: [{ materialCode: 'IL2-CYTOKINE', lotId }],
    });
    await steps.complete(operator, 'token', batch.id, 'EXPANSION', { ...none, scannedCoi: order.coi, values: { totalViableCells: 40 } });
    await steps.complete(operator, 'token', batch.id, 'HARVEST', { ...none, scannedCoi: order.coi, values: { harvestVolumeMl: 100 } });

    const rows = await ds.query(
      `SELECT actor_id, actor_name, action, entity, entity_id, old_value, new_value, reason FROM platform_audit ORDER BY seq`,
    );
    const summary = rows.map((r: { action: string; entity: string }) => `${r.action} ${r.entity}`);
    expect(summary.slice(0, 4)).toEqual(['create order', 'create identity_refusal', 'update order', 'create batch']);
    // Per step: started, signed, recorded; the first start also moves the batch to in progress, the last step completes it.
    expect(summary.filter((x: string) => x === 'create signature')).toHaveLength(4);
    expect(summary.filter((x: string) => x === 'update batch_step')).toHaveLength(8);
    expect(summary.filter((x: string) => x === 'update batch')).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor_id: 'u-clinic', actor_name: 'Clara Clinic', entity_id: order.id, old_value: null });
    expect(rows[2]).toMatchObject({
      actor_id: 'u-op',
      old_value: { state: 'placed', apheresisBagId: null },
      new_value: { state: 'apheresis-received', apheresisBagId: 'BAG-1', apheresisCollectedAt: '2026-03-01T06:00:00.000Z' },
    });
    const completions = rows.filter(
      (r: { entity: string; new_value: { state?: string } }) => r.entity === 'batch_step' && r.new_value?.state === 'completed',
    );
    expect(completions[0]).toMatchObject({
      old_value: { values: null, completedById: null, state: 'in-progress' },
      new_value: { values: { viableCellCount: 2.1, viability: 93 }, completedById: 'u-op', completedByName: 'Olga Operator' },
    });
    expect(completions[1].new_value).toMatchObject({ materialsUsed: [{ materialCode: 'IL2-CYTOKINE', lotId, quantity: 1, unit: 'vial' }] });
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({
      entity: 'batch',
      entity_id: batch.id,
      old_value: { state: 'in-progress', completedAt: null },
      new_value: { state: 'complete' },
    });
    await expect(audit.verify(ds.manager)).resolves.toEqual({ ok: true, entries: rows.length });
  });
});
