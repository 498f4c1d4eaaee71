import { TestSystem, eventually } from '@mes/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Faults: a process killed between its commit and its publish, and Redis losing every timer alarm. */
describe('fault tolerance', () => {
  // Simulated time runs 1000× faster so timers due in hours fire within seconds.
  const system = new TestSystem({ env: { CLOCK_FACTOR: '1000' } });
  let clinic: string;
  let materials: string;

  const notificationsFor = (orderId: string) =>
    system.query<{ kind: string }>('notification', 'SELECT kind FROM notification WHERE order_id = $1', [orderId]);

  beforeAll(async () => {
    await system.resetDatabases();
    await system.startAll();
    [clinic, materials] = await Promise.all([system.login('clinic-a'), system.login('materials')]);
  }, 240_000);

  afterAll(() => system.stopAll(), 60_000);

  it('should deliver an event once when the service is killed after its commit and before its publish', async () => {
    await system.stop('batch-record');
    await system.start('batch-record', { OUTBOX_RELAY: 'off' });
    const placed = await system.api('batch-record', clinic).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-08' });
    expect(placed.status).toBe(201);
    const [row] = await system.query<{ published_at: Date | null }>(
      'batch-record',
      'SELECT published_at FROM platform_outbox WHERE message_key = $1',
      [placed.body.id],
    );
    expect(row.published_at).toBeNull();

    await system.stop('batch-record', 'SIGKILL');
    await system.start('batch-record');

    await eventually(async () => (await notificationsFor(placed.body.id)).length > 0, 30_000, 'slot-confirmed notification');
    await sleep(3_000); // room for a duplicate to show up, if the system were to produce one
    expect((await notificationsFor(placed.body.id)).map((n) => n.kind)).toEqual(['slot-confirmed']);
  });

  it('should apply an event once when the relay dies after publishing and before marking it published', async () => {
    await system.stop('batch-record');
    await system.start('batch-record', { MES_FAULT: 'crash-after-publish' });
    // The relay kills the process right after Kafka acknowledges; the HTTP answer may or may not get out first.
    await system
      .api('batch-record', clinic)
      .post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-09' })
      .catch(() => undefined);
    const [order] = await eventually(
      async () => {
        const rows = await system.query<{ id: string }>('batch-record', "SELECT id FROM orders WHERE slot_date = '2026-12-09'");
        return rows.length ? rows : undefined;
      },
      10_000,
      'the committed order',
    );
    await eventually(async () => (await notificationsFor(order.id)).length > 0, 30_000, 'notification from the first publish');
    const [before] = await system.query<{ published_at: Date | null }>(
      'batch-record',
      'SELECT published_at FROM platform_outbox WHERE message_key = $1',
      [order.id],
    );
    expect(before.published_at).toBeNull(); // it died before marking

    await system.stop('batch-record', 'SIGKILL');
    await system.start('batch-record');
    await eventually(
      async () => {
        const [r] = await system.query<{ published_at: Date | null }>(
          'batch-record',
          'SELECT published_at FROM platform_outbox WHERE message_key = $1',
          [order.id],
        );
        return r.published_at !== null;
      },
      30_000,
      'the re-publish after restart',
    );
    await sleep(3_000);
    // Published twice, applied once: the inbox recorded the event id with its effect.
    expect((await notificationsFor(order.id)).map((n) => n.kind)).toEqual(['slot-confirmed']);
  });

  it('should fire every pending timer exactly once after Redis lost its alarms and the service restarted', async () => {
    const now = system.simNow().getTime();
    const hours = [1, 8, 9, 10]; // 1 h falls due while inventory is down (3.6 s real); the others after the restart
    const lotIds: string[] = [];
    for (const h of hours) {
      const res = await system.api('inventory', materials).post('/lots', {
        materialCode: 'TEXMACS-MEDIUM',
        supplierLot: `FAULT-${h}`,
        quantity: 10,
        unit: 'bottle',
        expiresAt: new Date(now + h * 3600_000).toISOString(),
      });
      expect(res.status).toBe(201);
      lotIds.push(res.body.id);
    }
    await system.stop('inventory', 'SIGKILL');
    system.flushRedis();
    await sleep(4_000);
    await system.start('inventory');

    const fired = async () =>
      system.query<{ subject_id: string; state: string }>(
        'inventory',
        "SELECT subject_id, state FROM platform_timer WHERE kind = 'lot-shelf-life' AND subject_id = ANY($1)",
        [lotIds],
      );
    await eventually(async () => (await fired()).every((t) => t.state === 'fired'), 60_000, 'every shelf-life timer to fire');
    await sleep(3_000);
    const expiredEvents = await system.query<{ lot_id: string }>(
      'inventory',
      "SELECT payload->'data'->>'lotId' AS lot_id FROM platform_outbox WHERE event_type = 'inventory.lot.expired' AND payload->'data'->>'lotId' = ANY($1)",
      [lotIds],
    );
    expect(expiredEvents.map((e) => e.lot_id).sort()).toEqual([...lotIds].sort());
  });
});
