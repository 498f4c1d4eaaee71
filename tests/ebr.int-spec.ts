import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BatchViewBody, EbrDriver, TestSystem, eventually, materialsOf, prepareLots, signatureOf } from '@mes/testing';

// 40 simulated minutes per real second: the ~7-day expansions (150 h of minimum waits) take under 4 minutes, run side by side,
// and the tightest hold (2 h from formulation to the end of freezer loading, 7 signed requests) still has 3 real seconds.
const CLOCK_FACTOR = 2400;
const HOUR = 3_600_000;
// Seeded by inventory: a released IL-2 lot nobody in this file thaws.
const SEEDED_IL2_LOT = '11111111-1111-4111-8111-111111111111';
const MBR_DIR = path.resolve(__dirname, '../apps/batch-record/master-batch-records');

interface Started {
  orderId: string;
  coi: string;
  batchId: string;
}

describe('electronic batch record: both example MBRs end to end on an accelerated clock', () => {
  const system = new TestSystem({ env: { CLOCK_FACTOR: String(CLOCK_FACTOR) } });
  const t: Record<string, string> = {};
  let cd19: Started, bcma: Started;
  let cd19Final: BatchViewBody, bcmaFinal: BatchViewBody;

  const br = (user: string) => system.api('batch-record', t[user]);

  /** Clinic order → apheresis receipt with a COI scan → batch started from the effective MBR. */
  async function startBatch(productCode: string, mbrCode: string, collectedHoursAgo: number): Promise<Started> {
    const order = await system.api('batch-record', t['clinic-a']).post('/orders', { productCode, slotDate: '2026-12-21' });
    expect(order.status).toBe(201);
    const collectedAt = new Date(system.simNow().getTime() - collectedHoursAgo * HOUR).toISOString();
    const receipt = await br('operator').post(`/orders/${order.body.id}/apheresis-receipt`, {
      scannedCoi: order.body.coi,
      bagId: `BAG-${mbrCode}`,
      collectedAt,
    });
    expect(receipt.status).toBeLessThan(300);
    const batch = await br('operator').post('/batches', { orderId: order.body.id, mbrCode });
    expect(batch.status).toBe(201);
    expect(batch.body.state).toBe('created');
    return { orderId: order.body.id, coi: order.body.coi, batchId: batch.body.id };
  }

  async function driverFor(started: Started, tag: string): Promise<EbrDriver> {
    const view = (await br('operator').get(`/batches/${started.batchId}`)).body as BatchViewBody;
    const lots = await prepareLots(system, t.materials, materialsOf(view), tag);
    const driver = new EbrDriver(
      system,
      { performer: 'operator', performerToken: t.operator, verifier: 'supervisor', verifierToken: t.supervisor },
      lots,
    );
    driver.coi = started.coi;
    return driver;
  }

  beforeAll(async () => {
    await system.resetDatabases();
    await system.startAll();
    for (const u of ['operator', 'operator2', 'supervisor', 'qa', 'qc', 'materials', 'admin', 'trainee', 'clinic-a'])
      t[u] = await system.login(u);
  }, 240_000);

  afterAll(async () => {
    await system.stopAll();
  }, 60_000);

  it('should have both example MBRs effective with at least 25 steps each', async () => {
    const list = await br('qa').get('/master-batch-records');
    const effective = list.body.filter((m: { status: string }) => m.status === 'effective');
    const byCode = Object.fromEntries(effective.map((m: { code: string; stepCount: number }) => [m.code, m.stepCount]));
    expect(byCode['CD19-CAR-T-FRESH']).toBeGreaterThanOrEqual(25);
    expect(byCode['BCMA-CAR-T-CRYO']).toBeGreaterThanOrEqual(25);
  });

  it('should run CD19 (fresh) and BCMA (cryopreserved) batches to completion side by side', async () => {
    cd19 = await startBatch('CD19-CAR-T', 'CD19-CAR-T-FRESH', 2);
    bcma = await startBatch('BCMA-CAR-T', 'BCMA-CAR-T-CRYO', 24 * 30);
    const [cd19Driver, bcmaDriver] = await Promise.all([driverFor(cd19, 'CD19'), driverFor(bcma, 'BCMA')]);

    const cd19Run = cd19Driver.runAll(cd19.batchId, {
      // Inside the action range, outside the alert range: recorded and flagged for review, nothing else.
      'APHERESIS-COUNT': {
        values: { apheresisViability: 75 },
        after: async (batch) => {
          expect(batch.steps.find((s) => s.code === 'APHERESIS-COUNT')!.valueFlags).toMatchObject({ apheresisViability: 'alert' });
          // A typing error found later: corrected with a reason; the old value stays on record.
          const fixed = await br('operator').post(`/batches/${cd19.batchId}/steps/APHERESIS-COUNT/corrections`, {
            field: 'apheresisViability',
            value: 76,
            reason: 'transcription error: the counter printout reads 76.0 %',
            signature: signatureOf('operator'),
          });
          expect(fixed.status).toBe(200);
          const step = fixed.body.steps.find((s: { code: string }) => s.code === 'APHERESIS-COUNT');
          expect(step.values.apheresisViability).toBe(76);
          expect(step.signatures.map((s: { meaning: string; valid: boolean }) => [s.meaning, s.valid])).toEqual([
            ['performed', false],
            ['corrected', true],
          ]);
        },
      },
      TRANSDUCTION: {
        before: async () => {
          // Transduction 18–30 h after activation: an hour after activation the window is not open yet.
          const early = await br('operator').post(`/batches/${cd19.batchId}/steps/TRANSDUCTION/start`, {});
          if (early.status !== 422)
            throw new Error(`expected the transduction window to be closed: ${early.status} ${JSON.stringify(early.body)}`);
          expect(early.body.code).toBe('timing-window-not-open');
        },
      },
      'FEED-DAY3': {
        // The feed must start within 4 h of the day-3 count: let the window pass; the timer opens a deviation and alerts.
        before: async () => {
          const missed = await eventually(
            async () => {
              const b = (await br('operator').get(`/batches/${cd19.batchId}`)).body as BatchViewBody;
              const w = b.timing.find((x) => x.code === 'FEED-DAY3-WINDOW');
              return w?.state === 'missed' ? w : undefined;
            },
            30_000,
            'the FEED-DAY3 window to be missed',
          );
          expect(missed.deviationId).toBeTruthy();
        },
      },
      'FEED-DAY6-OPTIONAL': { skip: true },
      'HARVEST-COUNT': {
        values: { harvestViability: 65 },
        after: async (batch) => {
          // Below the action limit: recorded, deviation opened, batch held until a supervisor decides.
          expect(batch.state).toBe('on-hold');
          const next = await br('operator').post(`/batches/${cd19.batchId}/steps/WASH/start`, {});
          expect(next.status).toBe(409);
          expect(next.body.code).toBe('batch-on-hold');
          const decided = await br('supervisor').post(`/batches/${cd19.batchId}/steps/HARVEST-COUNT/decision`, {
            decision: 'continue',
            reason: 'viability 65 % after harvest is within the validated recovery range for wash; dose will be calculated on viable cells',
            signature: signatureOf('supervisor'),
          });
          expect(decided.status).toBe(200);
          expect(decided.body.state).toBe('in-progress');
        },
      },
    });
    const bcmaRun = bcmaDriver.runAll(bcma.batchId);
    [cd19Final, bcmaFinal] = await Promise.all([cd19Run, bcmaRun]);

    expect(cd19Final.state).toBe('complete');
    expect(bcmaFinal.state).toBe('complete');
    expect(cd19Final.steps.length).toBeGreaterThanOrEqual(25);
    expect(bcmaFinal.steps.every((s) => s.state === 'completed' || s.state === 'verified')).toBe(true);
    const verified = bcmaFinal.steps.filter((s) => s.definition.signature.verifierRequired);
    expect(verified.length).toBeGreaterThan(0);
    for (const s of verified) expect(s.signatures.map((x) => x.meaning)).toEqual(['performed', 'verified']);
  }, 600_000);

  it('should alert the floor about the missed window', async () => {
    const alerts = await eventually(
      async () => {
        const r = await system.api('notification', t.supervisor).get('/alerts');
        const mine = (r.body ?? []).filter(
          (a: { batchId?: string; lotNumber?: string; title?: string; message?: string }) =>
            JSON.stringify(a).includes(cd19.batchId) || JSON.stringify(a).includes(cd19Final.lotNumber),
        );
        return mine.some((a: unknown) => /missed/i.test(JSON.stringify(a))) ? mine : undefined;
      },
      30_000,
      'a missed-window staff alert',
    );
    expect(alerts.length).toBeGreaterThan(0);
  });

  it('should list only the exceptions for QA, and review a clean batch straight away', async () => {
    const clean = await br('qa').get(`/batches/${bcma.batchId}/review`);
    expect(clean.status).toBe(200);
    expect(clean.body.counts).toMatchObject({ total: 0 });
    expect((await br('qa').post(`/batches/${bcma.batchId}/review/start`)).status).toBe(200);
    const done = await br('qa').post(`/batches/${bcma.batchId}/review/complete`, { signature: signatureOf('qa') });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('reviewed');

    const review = await br('qa').get(`/batches/${cd19.batchId}/review`);
    expect(review.body.counts).toMatchObject({
      deviations: 3,
      openDeviations: 3,
      flaggedValues: 2,
      corrections: 1,
      timingExceptions: 1,
      overrides: 2,
    });
    expect(review.body.deviations.map((d: { source: string }) => d.source).sort()).toEqual([
      'action-limit',
      'missed-window',
      'skipped-step',
    ]);
    expect(review.body.corrections[0]).toMatchObject({
      stepCode: 'APHERESIS-COUNT',
      field: 'apheresisViability',
      oldValue: 75,
      newValue: 76,
    });
  });

  it('should refuse to complete the review while a critical deviation is open, and accept it after QA closes it', async () => {
    const devs = (await br('qa').get(`/batches/${cd19.batchId}/deviations`)).body as { id: string; source: string }[];
    const actionLimit = devs.find((d) => d.source === 'action-limit')!;
    const bySupervisor = await system
      .api('batch-record', t.supervisor)
      .request('PATCH', `/deviations/${actionLimit.id}`, { classification: 'minor', reason: 'looks harmless' });
    expect(bySupervisor.status).toBe(422);
    expect(bySupervisor.body.code).toBe('classification-qa-only');
    const escalated = await system.api('batch-record', t.qa).request('PATCH', `/deviations/${actionLimit.id}`, {
      classification: 'critical',
      reason: 'low post-harvest viability may affect the dose: escalated for QA assessment',
    });
    expect(escalated.status).toBe(200);
    expect((await br('qa').post(`/batches/${cd19.batchId}/review/start`)).status).toBe(200);
    const blocked = await br('qa').post(`/batches/${cd19.batchId}/review/complete`, { signature: signatureOf('qa') });
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('open-critical-deviations');
    const unsignedDowngrade = await system
      .api('batch-record', t.qa)
      .request('PATCH', `/deviations/${actionLimit.id}`, { classification: 'major', reason: 'second look' });
    expect(unsignedDowngrade.status).toBe(400);
    expect(unsignedDowngrade.body.errors[0].field).toBe('signature');

    const incomplete = await br('qa').post(`/deviations/${actionLimit.id}/close`, { signature: signatureOf('qa') });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('deviation-incomplete');
    await system.api('batch-record', t.qa).request('PATCH', `/deviations/${actionLimit.id}`, {
      impact: 'Dose calculated on viable cells; release viability test will confirm',
      actions: 'Harvest procedure retraining for the shift; trend viability at harvest',
      reason: 'investigation complete',
    });
    const closed = await br('qa').post(`/deviations/${actionLimit.id}/close`, {
      signature: signatureOf('qa'),
      comment: 'closed after impact assessment',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(closed.body.signatures).toEqual([expect.objectContaining({ meaning: 'closed', username: 'qa', valid: true })]);

    const done = await br('qa').post(`/batches/${cd19.batchId}/review/complete`, { signature: signatureOf('qa') });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('reviewed');
  });

  it('should export the executed record as JSON and as a PDF in well under a few seconds', async () => {
    const t0 = Date.now();
    const json = await br('qa').get(`/batches/${cd19.batchId}/export.json`);
    const jsonMs = Date.now() - t0;
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      exportFormat: 'mes.batch-record-export.v1',
      batch: { coi: cd19.coi, state: 'reviewed' },
      mbr: { code: 'CD19-CAR-T-FRESH', version: 1 },
    });
    expect(json.body.steps.length).toBe(cd19Final.steps.length);
    expect(json.body.audit.chainValid).toBe(true);

    const t1 = Date.now();
    const res = await fetch(`${system.url('batch-record')}/batches/${cd19.batchId}/export.pdf`, {
      headers: { authorization: `Bearer ${t.qa}` },
    });
    const pdf = Buffer.from(await res.arrayBuffer());
    const pdfMs = Date.now() - t1;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    process.stdout.write(
      `[ebr] export of ${json.body.steps.length} steps: JSON ${jsonMs} ms, PDF ${pdfMs} ms (${Math.round(pdf.length / 1024)} KiB), measured over HTTP\n`,
    );
    expect(pdfMs).toBeLessThan(10_000); // a sanity bound, not the target: the figure is reported above and in docs/benchmarks.md
  });

  describe('refusals', () => {
    let skeleton: Started;

    beforeAll(async () => {
      skeleton = await startBatch('CD19-CAR-T', 'CD19-CAR-T-SKELETON', 1);
    });

    it('should refuse a step out of sequence', async () => {
      const r = await br('operator').post(`/batches/${skeleton.batchId}/steps/EXPANSION/complete`, {
        scannedCoi: skeleton.coi,
        values: { totalViableCells: 4 },
        signature: signatureOf('operator'),
      });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('out-of-sequence');
    });

    it('should refuse a signature without a password, and a wrong password, recording nothing', async () => {
      const body = { scannedCoi: skeleton.coi, values: { viableCellCount: 2, viability: 90 } };
      const none = await br('operator').post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, body);
      expect(none.status).toBe(400);
      expect(none.body.errors.map((e: { field: string }) => e.field)).toContain('signature');
      const wrong = await br('operator').post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, {
        ...body,
        signature: { username: 'operator', password: 'guess' },
      });
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe('signature-rejected');
      const step = (await br('operator').get(`/batches/${skeleton.batchId}`)).body.steps.find(
        (s: { code: string }) => s.code === 'COI-CHECK',
      );
      expect(step.state).toBe('ready');
      expect(await system.query('batch-record', 'SELECT 1 FROM signature WHERE batch_id = $1', [skeleton.batchId])).toHaveLength(0);
    });

    it('should ask for both signature components at the first signing of a session', async () => {
      const fresh = await system.login('operator');
      const r = await system.api('batch-record', fresh).post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, {
        scannedCoi: skeleton.coi,
        values: { viableCellCount: 2, viability: 90 },
        signature: { password: 'demo-password' },
      });
      expect(r.status).toBe(422);
      expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'username' })]));
    });

    it('should refuse a wrong COI and record the attempted identity error', async () => {
      const r = await br('operator').post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, {
        scannedCoi: 'COI-ZZZZ-ZZZZ',
        values: { viableCellCount: 2, viability: 90 },
        signature: signatureOf('operator'),
      });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('coi-mismatch');
      const refusals = await system.query('batch-record', 'SELECT context FROM identity_refusal WHERE batch_id = $1', [skeleton.batchId]);
      expect(refusals).toEqual([{ context: 'step:COI-CHECK' }]);
    });

    it('should refuse a user without training for the operation, naming it', async () => {
      const r = await br('trainee').post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, {
        scannedCoi: skeleton.coi,
        values: { viableCellCount: 2, viability: 90 },
        signature: signatureOf('trainee'),
      });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('training-missing');
      expect(r.body.detail).toContain('OP-COI-CHECK');
    });

    it('should refuse an expired lot', async () => {
      expect(
        (
          await br('operator').post(`/batches/${skeleton.batchId}/steps/COI-CHECK/complete`, {
            scannedCoi: skeleton.coi,
            values: { viableCellCount: 2, viability: 90 },
            signature: signatureOf('operator'),
          })
        ).status,
      ).toBe(201);
      const lot = await system.api('inventory', t.materials).post('/lots', {
        materialCode: 'IL2-CYTOKINE',
        supplierLot: 'SHORT-DATED',
        quantity: 5,
        unit: 'vial',
        expiresAt: new Date(system.simNow().getTime() + 1 * HOUR).toISOString(),
        status: 'released',
      });
      expect(lot.status).toBe(201);
      await eventually(
        async () => (await system.query('batch-record', 'SELECT 1 FROM lot_view WHERE lot_id = $1', [lot.body.id])).length === 1,
        30_000,
        'batch-record to learn the lot',
      );
      await eventually(
        async () => system.simNow().getTime() > new Date(lot.body.expiresAt).getTime() + 60_000,
        10_000,
        'the lot to expire',
      );
      const r = await br('operator').post(`/batches/${skeleton.batchId}/steps/ACTIVATION/complete`, {
        scannedCoi: skeleton.coi,
        values: {},
        materials: [{ materialCode: 'IL2-CYTOKINE', lotId: lot.body.id }],
        signature: signatureOf('operator'),
      });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('material-not-usable');
      expect(r.body.detail).toMatch(/expired/);

      // Each refused attempt leaves a record QA reviews and raises exactly one alert to materials and QA.
      const again = await br('operator').post(`/batches/${skeleton.batchId}/steps/ACTIVATION/complete`, {
        scannedCoi: skeleton.coi,
        values: {},
        materials: [{ materialCode: 'IL2-CYTOKINE', lotId: lot.body.id }],
        signature: signatureOf('operator'),
      });
      expect(again.status).toBe(422);
      const refusals = await system.query('batch-record', 'SELECT lots FROM material_refusal WHERE batch_id = $1', [skeleton.batchId]);
      expect(refusals.map((row: { lots: { lotId: string }[] }) => row.lots.map((l) => l.lotId))).toEqual([[lot.body.id], [lot.body.id]]);
      const review = await br('qa').get(`/batches/${skeleton.batchId}/review`);
      expect(review.body.counts.materialRefusals).toBe(2);
      const refusedAlerts = async (token: string) =>
        ((await system.api('notification', token).get('/alerts')).body ?? []).filter(
          (a: { kind: string; batchId: string | null }) => a.kind === 'material-use-refused' && a.batchId === skeleton.batchId,
        ).length;
      await eventually(async () => (await refusedAlerts(t.materials)) === 2, 30_000, 'one staff alert per refused attempt');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect([await refusedAlerts(t.materials), await refusedAlerts(t.qa)]).toEqual([2, 2]);
    });

    it('should refuse self-verification and a verifier without the verifier role', async () => {
      const started = await startBatch('CD19-CAR-T', 'CD19-CAR-T-FRESH', 1);
      const view = (await br('operator').get(`/batches/${started.batchId}`)).body as BatchViewBody;
      const driver = new EbrDriver(
        system,
        { performer: 'supervisor', performerToken: t.supervisor, verifier: 'supervisor', verifierToken: t.supervisor },
        {},
      );
      driver.coi = started.coi;
      expect(
        (await br('supervisor').post(`/batches/${started.batchId}/steps/LINE-CLEARANCE/complete`, driver.completeBody(view.steps[0])))
          .status,
      ).toBe(201);
      expect(
        (await br('supervisor').post(`/batches/${started.batchId}/steps/RECEIPT-COI/complete`, driver.completeBody(view.steps[1]))).status,
      ).toBe(201);
      const self = await br('supervisor').post(`/batches/${started.batchId}/steps/RECEIPT-COI/verify`, {
        signature: signatureOf('supervisor'),
      });
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('self-verification');
      const operator = await br('operator').post(`/batches/${started.batchId}/steps/RECEIPT-COI/verify`, {
        signature: signatureOf('operator'),
      });
      expect(operator.status).toBe(422);
      expect(operator.body.code).toBe('verifier-role');
      const next = await br('operator').post(`/batches/${started.batchId}/steps/APHERESIS-COUNT/start`, {});
      expect(next.status).toBe(422);
      expect(next.body.code).toBe('out-of-sequence');
    });

    it('should refuse verification by a supervisor who corrected the step someone else performed', async () => {
      const started = await startBatch('CD19-CAR-T', 'CD19-CAR-T-FRESH', 1);
      const view = (await br('operator').get(`/batches/${started.batchId}`)).body as BatchViewBody;
      const driver = new EbrDriver(
        system,
        { performer: 'operator', performerToken: t.operator, verifier: 'supervisor', verifierToken: t.supervisor },
        {},
      );
      driver.coi = started.coi;
      expect(
        (await br('operator').post(`/batches/${started.batchId}/steps/LINE-CLEARANCE/complete`, driver.completeBody(view.steps[0]))).status,
      ).toBe(201);
      expect(
        (
          await br('operator').post(
            `/batches/${started.batchId}/steps/RECEIPT-COI/complete`,
            driver.completeBody(view.steps[1], { shipperTemperatureC: 4 }),
          )
        ).status,
      ).toBe(201);
      const corrected = await br('supervisor').post(`/batches/${started.batchId}/steps/RECEIPT-COI/corrections`, {
        field: 'shipperTemperatureC',
        value: 5,
        reason: 'logger printout reads 5 °C',
        signature: signatureOf('supervisor'),
      });
      expect(corrected.status).toBe(200);
      const verify = await br('supervisor').post(`/batches/${started.batchId}/steps/RECEIPT-COI/verify`, {
        signature: signatureOf('supervisor'),
      });
      expect(verify.status).toBe(422);
      expect(verify.body.code).toBe('self-verification');
    });

    it('should lock an account after repeated failed signatures, alert, and let an admin unlock it', async () => {
      const body = {
        scannedCoi: skeleton.coi,
        values: {},
        materials: [{ materialCode: 'IL2-CYTOKINE', lotId: SEEDED_IL2_LOT }],
        signature: { username: 'operator2', password: 'wrong' },
      };
      const codes: string[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await br('operator2').post(`/batches/${skeleton.batchId}/steps/ACTIVATION/complete`, body)).body.code);
      expect(codes.slice(0, 2)).toEqual(['signature-rejected', 'signature-rejected']);
      const locked = await system.api('identity').post('/auth/login', { username: 'operator2', password: 'demo-password' });
      expect(locked.status).toBe(423);
      await eventually(
        async () => {
          const r = await system.api('notification', t.qa).get('/alerts');
          return (r.body ?? []).some((a: unknown) => JSON.stringify(a).includes('operator2'));
        },
        30_000,
        'a staff alert about the locked account',
      );
      expect(
        (await system.api('identity', t.admin).post('/users/operator2/unlock', { reason: 'identity confirmed by phone' })).status,
      ).toBe(200);
      expect((await system.api('identity').post('/auth/login', { username: 'operator2', password: 'demo-password' })).status).toBe(200);
    });

    it('should show a signature as invalid and block review when a signed record is altered in the database', async () => {
      const batchId = cd19.batchId;
      await system.query('batch-record', `ALTER TABLE batch_step DISABLE TRIGGER ALL`);
      await system.query(
        'batch-record',
        `UPDATE batch_step SET values = jsonb_set(values, '{harvestViability}', '99') WHERE batch_id = $1 AND code = 'HARVEST-COUNT'`,
        [batchId],
      );
      await system.query('batch-record', `ALTER TABLE batch_step ENABLE TRIGGER ALL`);
      const view = (await br('qa').get(`/batches/${batchId}`)).body as BatchViewBody;
      const step = view.steps.find((s) => s.code === 'HARVEST-COUNT')!;
      expect(step.signatures.find((s) => s.meaning === 'performed')!.valid).toBe(false);
      const review = await br('qa').get(`/batches/${batchId}/review`);
      expect(review.body.counts.invalidSignatures).toBeGreaterThan(0);
    });

    it('should detect an edited audit row', async () => {
      expect((await br('qa').get('/audit-trail/verify')).body.ok).toBe(true);
      await system.query('batch-record', `ALTER TABLE platform_audit DISABLE TRIGGER ALL`);
      await system.query(
        'batch-record',
        `UPDATE platform_audit SET reason = 'nothing to see' WHERE seq = (SELECT max(seq) / 2 FROM platform_audit)`,
      );
      await system.query('batch-record', `ALTER TABLE platform_audit ENABLE TRIGGER ALL`);
      const verify = await br('qa').get('/audit-trail/verify');
      expect(verify.body.ok).toBe(false);
      expect(verify.body.firstBrokenSeq).toBeDefined();
    });
  });

  describe('MBR lifecycle', () => {
    it('should import a new version as a draft, need QA approval by someone else, and keep running batches on their version', async () => {
      const file = JSON.parse(readFileSync(path.join(MBR_DIR, 'cd19-car-t-skeleton.v1.mbr.json'), 'utf8'));
      const running = await startBatch('CD19-CAR-T', 'CD19-CAR-T-SKELETON', 1);

      const invalid = await br('admin').post('/master-batch-records/import', {
        ...file,
        version: 2,
        procedure: { ...file.procedure, unitProcedures: [] },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors[0].field).toContain('procedure.unitProcedures');
      const duplicate = await br('admin').post('/master-batch-records/import', file);
      expect(duplicate.status).toBe(409);

      const draft = await br('admin').post('/master-batch-records/import', { ...file, version: 2, name: `${file.name} (v2)` });
      expect(draft.status).toBe(201);
      expect(draft.body.status).toBe('draft');
      const id = draft.body.id;
      expect((await br('qa').post(`/master-batch-records/${id}/approve`, { signature: signatureOf('qa') })).status).toBe(409); // not in review yet
      expect((await br('qa').post(`/master-batch-records/${id}/submit`)).status).toBe(200);
      // QA submitted it, so QA may not also approve it: a second QA person would. Here: return, resubmit by admin, approve by QA.
      const own = await br('qa').post(`/master-batch-records/${id}/approve`, { signature: signatureOf('qa') });
      expect(own.status).toBe(422);
      expect(own.body.code).toBe('approver-is-author');
      expect((await br('qa').post(`/master-batch-records/${id}/return-to-draft`, { reason: 'submitted by the wrong person' })).status).toBe(
        200,
      );
      expect((await br('admin').post(`/master-batch-records/${id}/submit`)).status).toBe(200);
      const approved = await br('qa').post(`/master-batch-records/${id}/approve`, {
        signature: signatureOf('qa'),
        comment: 'reviewed against change control CC-2026-041',
      });
      expect(approved.status).toBe(200);
      expect(approved.body.signatures).toEqual([expect.objectContaining({ meaning: 'approved', username: 'qa', valid: true })]);
      expect((await br('qa').post(`/master-batch-records/${id}/make-effective`)).status).toBe(200);

      const all = (await br('qa').get('/master-batch-records')).body as { code: string; version: number; status: string }[];
      expect(all.filter((m) => m.code === 'CD19-CAR-T-SKELETON').map((m) => [m.version, m.status])).toEqual([
        [1, 'superseded'],
        [2, 'effective'],
      ]);
      expect((await br('operator').get(`/batches/${running.batchId}`)).body.mbr.version).toBe(1);
      const next = await startBatch('CD19-CAR-T', 'CD19-CAR-T-SKELETON', 1);
      expect((await br('operator').get(`/batches/${next.batchId}`)).body.mbr.version).toBe(2);
    });
  });
});
