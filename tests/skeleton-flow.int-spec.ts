import { SseClient, TestSystem, eventually, signatureOf } from '@mes/testing';

// Seeded by the inventory service: a released IL-2 lot and one still in quarantine.
const RELEASED_IL2_LOT = '11111111-1111-4111-8111-111111111111';
const QUARANTINED_IL2_LOT = '22222222-2222-4222-8222-222222222222';
const MBR = 'CD19-CAR-T-SKELETON';

interface Notification {
  kind: string;
  coi: string | null;
  orderId?: string | null;
  batchId?: string | null;
  seq?: number;
  id: string;
}

describe('walking skeleton: one patient batch from order to release', () => {
  const system = new TestSystem();
  let clinicA: string, clinicB: string, operator: string, qc: string, qa: string;
  let streamA: SseClient, streamB: SseClient;
  let orderId: string, coi: string, batchId: string;

  beforeAll(async () => {
    await system.resetDatabases();
    await system.startAll();
    [clinicA, clinicB, operator, qc, qa] = await Promise.all(['clinic-a', 'clinic-b', 'operator', 'qc', 'qa'].map((u) => system.login(u)));
    streamA = new SseClient(`${system.url('notification')}/notifications/stream`, { authorization: `Bearer ${clinicA}` });
    streamB = new SseClient(`${system.url('notification')}/notifications/stream?access_token=${clinicB}`);
    await Promise.all([streamA.connect(), streamB.connect()]);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([streamA?.close(), streamB?.close()]);
    await system.stopAll();
  }, 60_000);

  it('should assign a chain-of-identity id when a clinic orders a slot', async () => {
    const res = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-07' });
    expect(res.status).toBe(201);
    expect(res.body.coi).toMatch(/^COI-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    orderId = res.body.id;
    coi = res.body.coi;
  });

  it('should refuse an apheresis bag whose COI label does not match the order, and record the attempt', async () => {
    const res = await system.api('batch-record', operator).post(`/orders/${orderId}/apheresis-receipt`, {
      scannedCoi: 'COI-ZZZZ-ZZZZ',
      bagId: 'BAG-1',
      collectedAt: system.simNow().toISOString(),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('coi-mismatch');
    const refusals = await system.query('batch-record', 'SELECT * FROM identity_refusal');
    expect(refusals).toHaveLength(1);
    const order = await system.api('batch-record', operator).get(`/orders/${orderId}`);
    expect(order.body.state).toBe('placed');
  });

  it('should receive the apheresis and start the hold-time clock in inventory', async () => {
    const collectedAt = new Date(system.simNow().getTime() - 2 * 3600_000).toISOString();
    const res = await system
      .api('batch-record', operator)
      .post(`/orders/${orderId}/apheresis-receipt`, { scannedCoi: coi, bagId: 'BAG-1', collectedAt });
    expect(res.status).toBeLessThan(300);
    const unit = await eventually(
      async () => {
        const r = await system.api('inventory', operator).get(`/apheresis/${orderId}`);
        return r.status === 200 ? r.body : undefined;
      },
      30_000,
      'apheresis hold clock in inventory',
    );
    expect(new Date(unit.holdUntil).getTime()).toBe(new Date(collectedAt).getTime() + 48 * 3600_000);
  });

  it('should run the master batch record step by step', async () => {
    const br = system.api('batch-record', operator);
    const created = await br.post('/batches', { orderId, mbrCode: MBR });
    expect(created.status).toBe(201);
    batchId = created.body.id;

    const outOfOrder = await br.post(`/batches/${batchId}/steps/EXPANSION/complete`, {
      signature: signatureOf('operator'),
      scannedCoi: coi,
      values: { totalViableCells: 5 },
    });
    expect(outOfOrder.status).toBe(422);
    expect(outOfOrder.body.code).toBe('out-of-sequence');

    const s1 = await br.post(`/batches/${batchId}/steps/COI-CHECK/complete`, {
      signature: signatureOf('operator'),
      scannedCoi: coi,
      values: { viableCellCount: 2.1, viability: 92.5 },
    });
    expect(s1.status).toBe(201);

    const quarantined = await br.post(`/batches/${batchId}/steps/ACTIVATION/complete`, {
      signature: signatureOf('operator'),
      scannedCoi: coi,
      values: {},
      materials: [{ materialCode: 'IL2-CYTOKINE', lotId: QUARANTINED_IL2_LOT }],
    });
    expect(quarantined.status).toBe(422);
    expect(quarantined.body.code).toBe('material-not-usable');

    // batch-record learns the seeded lots from inventory's events: wait until its read model has them.
    const s2 = await eventually(
      async () => {
        const r = await br.post(`/batches/${batchId}/steps/ACTIVATION/complete`, {
          signature: signatureOf('operator'),
          scannedCoi: coi,
          values: {},
          materials: [{ materialCode: 'IL2-CYTOKINE', lotId: RELEASED_IL2_LOT }],
        });
        return r.status === 201 ? r : undefined;
      },
      30_000,
      'ACTIVATION with the released IL-2 lot',
    );
    expect(s2.status).toBe(201);

    const thawed = await eventually(
      async () => {
        const r = await system.api('inventory', operator).get(`/lots/${RELEASED_IL2_LOT}`);
        return r.body?.thawedAt ? r.body : undefined;
      },
      30_000,
      'inventory to start the thawed lot use-by clock',
    );
    expect(new Date(thawed.useBy).getTime() - new Date(thawed.thawedAt).getTime()).toBe(4 * 3600_000);

    expect(
      (
        await br.post(`/batches/${batchId}/steps/EXPANSION/complete`, {
          signature: signatureOf('operator'),
          scannedCoi: coi,
          values: { totalViableCells: 4.2 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await br.post(`/batches/${batchId}/steps/HARVEST/complete`, {
          signature: signatureOf('operator'),
          scannedCoi: coi,
          values: { harvestVolumeMl: 120 },
        })
      ).status,
    ).toBe(201);

    const batch = await br.get(`/batches/${batchId}`);
    expect(batch.body.state).toBe('complete');

    // QA reviews the executed record by exception before any disposition: the refused COI scan at receipt and the refused quarantined lot.
    const review = await system.api('batch-record', qa).get(`/batches/${batchId}/review`);
    expect(review.body.counts).toMatchObject({ total: 2, identityRefusals: 1, materialRefusals: 1, deviations: 0, flaggedValues: 0 });
    expect(review.body.identityRefusals[0].context).toBe('apheresis-receipt');
    expect((await system.api('batch-record', qa).post(`/batches/${batchId}/review/start`)).status).toBe(200);
    const reviewed = await system.api('batch-record', qa).post(`/batches/${batchId}/review/complete`, { signature: signatureOf('qa') });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.state).toBe('reviewed');
  });

  it('should create release test orders and refuse release while results are missing', async () => {
    const orders = await eventually(
      async () => {
        const r = await system.api('qc-release', qc).get(`/batches/${batchId}/test-orders`);
        return r.status === 200 && r.body.testOrders?.length >= 5 ? r.body.testOrders : undefined;
      },
      30_000,
      'release test orders',
    );
    expect(orders.map((o: { testCode: string }) => o.testCode).sort()).toEqual([
      'car-expression',
      'endotoxin',
      'mycoplasma',
      'sterility',
      'viability',
    ]);

    // qc-release learns that the batch record is complete from batch-record's event: wait for that refusal to give way.
    const early = await eventually(
      async () => {
        const r = await system
          .api('qc-release', qa)
          .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password', username: 'qa' } });
        return r.body?.errors?.some((e: { field: string }) => e.field === 'batch') ? undefined : r;
      },
      30_000,
      'qc-release to learn the batch is complete',
    );
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('release-blocked');
    expect(early.body.errors.map((e: { field: string }) => e.field)).toContain('tests.sterility');

    // That refused release rolled back: in a new session it must not count as the first signature, so the next one still needs the user name.
    const newSession = await system.login('qa');
    const blocked = await system
      .api('qc-release', newSession)
      .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password', username: 'qa' } });
    expect(blocked.body.code).toBe('release-blocked');
    const passwordOnly = await system
      .api('qc-release', newSession)
      .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password' } });
    expect(passwordOnly.status).toBe(422);
    expect(passwordOnly.body.code).toBe('signature-incomplete');

    const results: Record<string, number | string> = {
      sterility: 'no-growth',
      endotoxin: 1.2,
      viability: 91,
      'car-expression': 38,
      mycoplasma: 'not-detected',
    };
    for (const o of orders as { id: string; testCode: string }[]) {
      const r = await system.api('qc-release', qc).post(`/test-orders/${o.id}/result`, { result: results[o.testCode] });
      expect(r.status).toBe(201);
    }
  });

  it("should refuse release naming the events it waits for while qc-release has not applied the batch's latest event", async () => {
    // qc-release stops consuming, so batch-record's next event about the batch does not reach it: the tail it must not miss.
    await system.stop('qc-release');
    await system.start('qc-release', { PROCESS_ROLES: 'api,worker' });
    let head: number;
    try {
      const opened = await system.api('batch-record', qa).post(`/batches/${batchId}/deviations`, {
        classification: 'minor',
        title: 'Label printer jammed',
        description: 'Labels reprinted; no impact on the product.',
      });
      expect(opened.status).toBe(201);
      await eventually(
        async () =>
          (
            await system.query(
              'batch-record',
              "SELECT 1 FROM platform_outbox WHERE message_key = $1 AND event_type = 'batch-record.deviation.changed' AND published_at IS NOT NULL",
              [batchId],
            )
          ).length === 1,
        30_000,
        'batch-record to publish the deviation',
      );
      head = Number(
        (
          await system.query<{ n: string }>(
            'batch-record',
            'SELECT last_sequence AS n FROM platform_aggregate_sequence WHERE subject = $1',
            [batchId],
          )
        )[0].n,
      );

      const refused = await system
        .api('qc-release', qa)
        .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password', username: 'qa' } });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('release-blocked');
      expect(refused.body.errors).toEqual([
        { field: 'events.batch-record', reason: `waiting for events ${head}..${head} from batch-record` },
      ]);
      expect(await system.query('qc-release', 'SELECT 1 FROM qc_disposition WHERE batch_id = $1', [batchId])).toHaveLength(0);
    } finally {
      await system.stop('qc-release');
      await system.start('qc-release');
    }
    // Once it catches up, nothing is awaited any more (the next test signs the release).
    await eventually(
      async () =>
        (
          await system.query(
            'qc-release',
            "SELECT 1 FROM platform_applied_sequence WHERE producer = 'batch-record' AND subject = $1 AND sequence = $2",
            [batchId, head],
          )
        ).length === 1,
      30_000,
      'qc-release to apply the deviation',
    );
  });

  it('should release the lot when QA signs with every result in specification', async () => {
    const wrong = await system
      .api('qc-release', qa)
      .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'not-my-password', username: 'qa' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('signature-rejected');
    expect(await system.query('qc-release', 'SELECT 1 FROM qc_disposition WHERE batch_id = $1', [batchId])).toHaveLength(0);
    // Every signing attempt is on identity's audit trail: the step and review signatures passed, this one did not.
    const attempts = await system.query<{ new_value: { outcome: string } }>(
      'identity',
      "SELECT new_value FROM platform_audit WHERE entity = 'signature-authentication' ORDER BY seq",
    );
    expect(attempts.map((a) => a.new_value.outcome).filter((o) => o !== 'verified')).toEqual(['incomplete', 'rejected']);
    expect(attempts[attempts.length - 1].new_value.outcome).toBe('rejected');

    // QA's review signature committed and was confirmed: this session now signs with the password alone.
    const res = await system
      .api('qc-release', qa)
      .post(`/batches/${batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password' } });
    expect(res.status).toBe(201);
    const again = await system.api('qc-release', qa).post(`/batches/${batchId}/disposition`, {
      decision: 'rejected',
      reason: 'second thoughts',
      signature: { password: 'demo-password', username: 'qa' },
    });
    expect(again.status).toBe(409);
  });

  it("should stream the clinic's milestones in order, and nothing to another clinic", async () => {
    const milestones = ['slot-confirmed', 'apheresis-received', 'manufacturing-started', 'expected-release-date', 'released'];
    const mine = () => streamA.json<Notification>().filter((n) => n.coi === coi && milestones.includes(n.kind));
    await streamA.waitFor(() => mine().length >= milestones.length, 30_000, 'clinic A milestones');
    expect(mine().map((n) => n.kind)).toEqual(milestones);
    expect(streamB.json<Notification>().filter((n) => n.coi === coi)).toEqual([]);

    const inbox = await system.api('notification', clinicA).get('/notifications');
    expect(inbox.status).toBe(200);
    const first = inbox.body.find((n: Notification) => n.coi === coi && n.kind === 'slot-confirmed');
    const ack = await system.api('notification', clinicA).post(`/notifications/${first.id}/acknowledge`);
    expect(ack.status).toBeLessThan(300);
  });

  it("should block release when a lot rejected in inventory slipped past batch-record's lagging read model", async () => {
    const materials = await system.login('materials');
    const inv = system.api('inventory', materials);
    const lot = await inv.post('/lots', {
      materialCode: 'IL2-CYTOKINE',
      supplierLot: 'LAG-1',
      quantity: 5,
      unit: 'vial',
      expiresAt: new Date(system.simNow().getTime() + 90 * 24 * 3600_000).toISOString(),
      status: 'released',
    });
    expect(lot.status).toBe(201);
    await eventually(
      async () => (await system.query('batch-record', 'SELECT 1 FROM lot_view WHERE lot_id = $1', [lot.body.id])).length === 1,
      30_000,
      'batch-record to learn the lot',
    );

    // batch-record stops consuming, so it never hears of the rejection: the race this guards against.
    await system.stop('batch-record');
    await system.start('batch-record', { PROCESS_ROLES: 'api,worker' });
    try {
      expect((await inv.post(`/lots/${lot.body.id}/reject`, { reason: 'supplier recall' })).status).toBe(200);
      const order = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-14' });
      const c = order.body.coi;
      const br = system.api('batch-record', operator);
      await br.post(`/orders/${order.body.id}/apheresis-receipt`, {
        scannedCoi: c,
        bagId: 'BAG-LAG',
        collectedAt: system.simNow().toISOString(),
      });
      const batch = (await br.post('/batches', { orderId: order.body.id, mbrCode: MBR })).body.id;
      expect(
        (
          await br.post(`/batches/${batch}/steps/COI-CHECK/complete`, {
            signature: signatureOf('operator'),
            scannedCoi: c,
            values: { viableCellCount: 2, viability: 90 },
          })
        ).status,
      ).toBe(201);
      const used = await br.post(`/batches/${batch}/steps/ACTIVATION/complete`, {
        signature: signatureOf('operator'),
        scannedCoi: c,
        values: {},
        materials: [{ materialCode: 'IL2-CYTOKINE', lotId: lot.body.id }],
      });
      expect(used.status).toBe(201); // accepted on stale facts
      expect(
        (
          await br.post(`/batches/${batch}/steps/EXPANSION/complete`, {
            signature: signatureOf('operator'),
            scannedCoi: c,
            values: { totalViableCells: 4 },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await br.post(`/batches/${batch}/steps/HARVEST/complete`, {
            signature: signatureOf('operator'),
            scannedCoi: c,
            values: { harvestVolumeMl: 100 },
          })
        ).status,
      ).toBe(201);

      const orders = await eventually(
        async () => {
          const r = await system.api('qc-release', qc).get(`/batches/${batch}/test-orders`);
          return r.body?.testOrders?.length >= 5 ? r.body.testOrders : undefined;
        },
        30_000,
        'test orders',
      );
      const results: Record<string, number | string> = {
        sterility: 'no-growth',
        endotoxin: 1,
        viability: 90,
        'car-expression': 30,
        mycoplasma: 'not-detected',
      };
      for (const o of orders as { id: string; testCode: string }[]) {
        expect((await system.api('qc-release', qc).post(`/test-orders/${o.id}/result`, { result: results[o.testCode] })).status).toBe(201);
      }
      const refused = await eventually(
        async () => {
          const r = await system
            .api('qc-release', qa)
            .post(`/batches/${batch}/disposition`, { decision: 'released', signature: { password: 'demo-password', username: 'qa' } });
          return r.status === 422 && r.body.errors.some((e: { field: string }) => e.field === `materials.${lot.body.id}`) ? r : undefined;
        },
        30_000,
        'release to be blocked by the unusable lot',
      );
      expect(refused.body.code).toBe('release-blocked');
      expect(await system.query('qc-release', 'SELECT 1 FROM qc_disposition WHERE batch_id = $1', [batch])).toHaveLength(0);
    } finally {
      await system.stop('batch-record');
      await system.start('batch-record');
    }
  });

  describe('bad input changes nothing', () => {
    const countOrders = async () => Number((await system.query<{ n: string }>('batch-record', 'SELECT count(*) AS n FROM orders'))[0].n);

    it('should answer 400 with the field for a malformed or incomplete body', async () => {
      const before = await countOrders();
      const malformed = await system.api('batch-record', clinicA).postRaw('/orders', '{"productCode": ');
      expect(malformed.status).toBe(400);
      const missing = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('slotDate');
      const badDate = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '07/12/2026' });
      expect(badDate.status).toBe(400);
      expect(await countOrders()).toBe(before);
    });

    it('should answer 401 without a token and 403 for the wrong role', async () => {
      expect((await system.api('batch-record').post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-07' })).status).toBe(401);
      expect((await system.api('batch-record', 'not-a-token').get('/orders')).status).toBe(401);
      const before = await countOrders();
      expect(
        (await system.api('batch-record', operator).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-07' })).status,
      ).toBe(403);
      expect(
        (
          await system.api('qc-release', operator).post(`/batches/${batchId}/disposition`, {
            decision: 'rejected',
            reason: 'x',
            signature: { password: 'demo-password', username: 'qa' },
          })
        ).status,
      ).toBe(403);
      expect(await countOrders()).toBe(before);
    });

    it("should answer 404 for unknown ids and for another clinic's patient", async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await system.api('batch-record', operator).get(`/orders/${unknown}`)).status).toBe(404);
      expect(
        (
          await system
            .api('batch-record', operator)
            .post(`/batches/${unknown}/steps/COI-CHECK/complete`, { signature: signatureOf('operator'), scannedCoi: coi, values: {} })
        ).status,
      ).toBe(404);
      expect((await system.api('qc-release', qc).post(`/test-orders/${unknown}/result`, { result: 1 })).status).toBe(404);
      expect((await system.api('batch-record', operator).get('/orders/not-a-uuid')).status).toBe(400);
      expect((await system.api('batch-record', clinicB).get(`/orders/${orderId}`)).status).toBe(404);
      const listB = await system.api('batch-record', clinicB).get('/orders');
      expect(listB.body.find((o: { id: string }) => o.id === orderId)).toBeUndefined();
      const inboxA = await system.api('notification', clinicA).get('/notifications');
      const someA = inboxA.body[0];
      expect((await system.api('notification', clinicB).post(`/notifications/${someA.id}/acknowledge`)).status).toBe(404);
      const inboxB = await system.api('notification', clinicB).get('/notifications');
      expect(inboxB.body.filter((n: Notification) => n.coi === coi)).toEqual([]);
    });
  });
});
