import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditTrail, AuthUser, SignatureVerifier, UnitOfWork, createDataSource, loadConfig } from '@mes/platform';
import { FakeClock, MediumHarness, mediumHarness } from '@mes/testing';
import { AppModule } from './app.module';
import { batchRecordConfigSchema } from './config/batch-record.config';
import { batchRecordDataSourceOptions } from './database/data-source';
import { BatchesService } from './modules/batches/batches.service';
import { StepExecutionService } from './modules/batches/step-execution.service';
import { CoiMismatch } from './modules/chain-of-identity/coi-mismatch';
import { OrdersService } from './modules/orders/orders.service';

/** Settings the medium harness never uses for I/O (Kafka and Redis are in memory) but the config schema requires. */
const MEDIUM_ENV = {
  REDIS_URL: 'redis://127.0.0.1:6379/15',
  KAFKA_BROKERS: '127.0.0.1:1',
  AUTH_JWT_SECRET: 'medium-spec-secret-0123456789abcdef',
  PROCESS_ROLES: 'api',
};
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `audit_it_${process.pid}_${Date.now()}`;

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
      brokenCount: 1,
      breaks: [{ seq: '2', reason: expect.stringContaining('altered') }],
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
      brokenCount: 1,
      breaks: [{ seq: '3', reason: expect.stringContaining('removed') }],
    });
  });

  it('should still report a new break after an old one when a later entry is edited', async () => {
    await uow.run((tx) => audit.append(tx, { actor, action: 'create', entity: 'batch', entityId: randomUUID(), newValue: {} }));
    await ds.query(`ALTER TABLE platform_audit DISABLE TRIGGER ALL`);
    await ds.query(`UPDATE platform_audit SET reason = 'rewritten' WHERE seq = 4`);
    await ds.query(`ALTER TABLE platform_audit ENABLE TRIGGER ALL`);

    const result = await audit.verify(ds.manager);

    expect(result).toMatchObject({ ok: false, firstBrokenSeq: '3', brokenCount: 2 });
    expect(result.ok === false && result.breaks.map((b) => b.seq)).toEqual(['3', '4']);
  });
});

describe('batch-record audit entries', () => {
  const clinic: AuthUser = { id: 'u-clinic', username: 'clinic-a', name: 'Clara Clinic', roles: ['clinic'], clinicId: 'CLINIC-A' };
  const operator: AuthUser = { id: 'u-op', username: 'operator', name: 'Olga Operator', roles: ['operator'], clinicId: null };
  let medium: MediumHarness;
  let ds: DataSource;
  let clock: FakeClock;

  beforeAll(async () => {
    // Unit under test: the service's modules on a real database; only identity's password check, Kafka and Redis are faked.
    const verifier = {
      verify: async () => ({ verifiedAt: clock.now().toISOString(), firstInSession: false, name: operator.name, userId: operator.id }),
      confirmOnCommit: () => undefined,
    };
    medium = await mediumHarness({
      name: 'batch-record',
      module: (url, c) => AppModule.register(loadConfig(batchRecordConfigSchema, { ...MEDIUM_ENV, DATABASE_URL: url }), c),
      overrides: [{ provide: SignatureVerifier, useValue: verifier }],
    });
    ({ dataSource: ds, clock } = medium);
  });

  afterAll(() => medium?.close());

  it('should write one audit entry per GMP record change, in a chain that verifies', async () => {
    const [orders, batches, steps, audit] = [
      medium.get(OrdersService),
      medium.get(BatchesService),
      medium.get(StepExecutionService),
      medium.get(AuditTrail),
    ];
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

  it('should commit the refusal and its alert event while the step rolls back when a scanned lot is in quarantine', async () => {
    const [orders, batches, steps] = [medium.get(OrdersService), medium.get(BatchesService), medium.get(StepExecutionService)];
    const sign = { username: 'operator', password: 'irrelevant: the verifier is faked' };
    const order = await orders.place(clinic, { productCode: 'CD19-CAR-T', slotDate: '2026-03-06' });
    await orders.receiveApheresis(operator, order.id, { bagId: 'BAG-2', collectedAt: clock.now().toISOString(), scannedCoi: order.coi });
    const batch = await batches.start(operator, { orderId: order.id, mbrCode: 'CD19-CAR-T-SKELETON' });
    const none = { materials: [], equipment: [], signature: sign };
    await steps.complete(operator, 'token', batch.id, 'COI-CHECK', {
      ...none,
      scannedCoi: order.coi,
      values: { viableCellCount: 2, viability: 90 },
    });
    const lotId = randomUUID();
    await ds.query(
      `INSERT INTO lot_view (lot_id, material_code, status, expires_at, expired, updated_at, quantity_available, unit)
       VALUES ($1, 'IL2-CYTOKINE', 'quarantine', '2027-01-01T00:00:00Z', false, now(), 10, 'vial')`,
      [lotId],
    );

    const attempt = steps.complete(operator, 'token', batch.id, 'ACTIVATION', {
      ...none,
      scannedCoi: order.coi,
      values: {},
      materials: [{ materialCode: 'IL2-CYTOKINE', lotId }],
    });

    await expect(attempt).rejects.toMatchObject({ status: 422, code: 'material-not-usable' });
    const [step] = await ds.query(`SELECT state FROM batch_step WHERE batch_id = $1 AND code = 'ACTIVATION'`, [batch.id]);
    expect(step.state).toBe('pending');
    const refusals = await ds.query(`SELECT step_code, user_name, lots FROM material_refusal WHERE batch_id = $1`, [batch.id]);
    expect(refusals).toEqual([
      {
        step_code: 'ACTIVATION',
        user_name: 'operator',
        lots: [{ lotId, materialCode: 'IL2-CYTOKINE', reason: 'lot is quarantine, not released' }],
      },
    ]);
    const events = await ds.query(`SELECT payload FROM platform_outbox WHERE event_type = 'batch-record.material-refusal.recorded'`);
    const payloads = events.map((e: { payload: unknown }) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload));
    expect(payloads.map((p: { data: { batchId: string } }) => p.data.batchId)).toEqual([batch.id]);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM lot_view WHERE lot_id = $1 AND quantity_available = 10`, [lotId]);
    expect(n).toBe(1);
    await expect(medium.get(AuditTrail).verify(ds.manager)).resolves.toMatchObject({ ok: true });
  });
});
