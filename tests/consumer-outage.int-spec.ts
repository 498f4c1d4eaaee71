import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  BatchStartedV1,
  DeviationChangedV1,
  EventData,
  EventDefinition,
  LotMisuseDetectedV1,
  StepCompletedV1,
  createEvent,
  deadLetterTopic,
} from '@mes/contracts';
import { JsonLogger, KafkajsMessageBus } from '@mes/platform';
import { ServiceName, TcpProxy, TestSystem, eventually } from '@mes/testing';

// Seeded by inventory: a released IL-2 lot.
const RELEASED_IL2_LOT = '11111111-1111-4111-8111-111111111111';
const OUTAGE_MS = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A consumer's own database goes away for 60 s while events it must not lose arrive: it keeps each message in
 * hand (its partition waits), reports itself degraded, and applies everything once the database is back —
 * nothing dead-lettered. Each service's DATABASE_URL points at a TCP proxy the test cuts; Postgres stays up for the others.
 */
describe('consumers during a database outage', () => {
  const system = new TestSystem();
  const proxies = new Map<ServiceName, TcpProxy>();
  const bus = new KafkajsMessageBus('outage-test', system.kafkaBrokers.split(','), new JsonLogger('outage-test', 'error'));
  const kafka = new Kafka({ clientId: 'outage-test', brokers: system.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  let qa: string;

  const publish = async <D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    producer: string,
    subject: string,
    sequence: number,
  ) => {
    const event = { ...createEvent(definition, data, { producer, subject }), sequence };
    await bus.publish([{ topic: definition.topic, key: subject, value: JSON.stringify(event) }]);
    return event;
  };

  const dlqSize = async (service: ServiceName) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(deadLetterTopic(service));
      return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const deadLetters = (service: ServiceName) => system.query(service, 'SELECT id, reason FROM platform_dead_letter');

  const readiness = async (service: ServiceName) => (await fetch(`${system.url(service)}/health/ready`)).json();

  /** Cuts the service's database for the outage; `during` runs while it lasts. */
  const outage = async (service: ServiceName, during: () => Promise<void>) => {
    const proxy = proxies.get(service)!;
    const started = Date.now();
    proxy.cutOff();
    try {
      await during();
      await eventually(
        async () => String((await readiness(service)).checks?.consumer ?? '').startsWith('degraded'),
        20_000,
        `${service} to report its consumer degraded`,
      );
      await sleep(Math.max(0, OUTAGE_MS - (Date.now() - started)));
    } finally {
      proxy.restore();
    }
  };

  beforeAll(async () => {
    // batch-record answers qc-release's question at signing (the batch's last event); it needs no proxy.
    const services: ServiceName[] = ['identity', 'batch-record', 'inventory', 'qc-release'];
    await system.resetDatabases(services);
    await bus.connect();
    for (const service of ['inventory', 'qc-release'] as const) {
      const proxy = new TcpProxy(5432);
      const port = await proxy.start();
      proxies.set(service, proxy);
      await system.start(service, { DATABASE_URL: system.databaseUrl(service).replace(':5432/', `:${port}/`) });
    }
    await Promise.all([system.start('identity'), system.start('batch-record')]);
    qa = await system.login('qa');
  }, 240_000);

  afterAll(async () => {
    await system.stopAll();
    await bus.disconnect();
    for (const proxy of proxies.values()) await proxy.stop();
  }, 60_000);

  it('should record a lot misuse and a critical deviation that arrived while qc-release had no database, and refuse release', async () => {
    // Arrange: qc-release knows the batch before its database goes away.
    const batch = { batchId: randomUUID(), orderId: randomUUID(), coi: 'COI-AB12-CD34', clinicId: 'CLINIC-A' };
    const lotId = randomUUID();
    const deviationId = randomUUID();
    await publish(
      BatchStartedV1,
      {
        ...batch,
        lotNumber: 'LOT-OUTAGE-1',
        mbrCode: 'CD19-CAR-T',
        mbrVersion: 1,
        startedAt: new Date().toISOString(),
        startedBy: 'operator',
      },
      'batch-record',
      batch.batchId,
      1,
    );
    const readinessOf = () => system.api('qc-release', qa).get(`/batches/${batch.batchId}/disposition/readiness`);
    const dlqBefore = await dlqSize('qc-release'); // the broker outlives the databases: other specs may have dead-lettered
    await eventually(async () => (await readinessOf()).status === 200, 30_000, 'qc-release to know the batch');

    // Act
    await outage('qc-release', async () => {
      await publish(
        LotMisuseDetectedV1,
        {
          lotId,
          materialCode: 'IL-2',
          batchId: batch.batchId,
          stepCode: 'ACTIVATION',
          usedAt: new Date().toISOString(),
          reason: 'lot is in quarantine',
        },
        'inventory',
        lotId,
        1,
      );
      await publish(
        DeviationChangedV1,
        {
          ...batch,
          deviationId,
          number: 'DEV-OUTAGE-1',
          stepCode: 'ACTIVATION',
          classification: 'critical',
          source: 'manual',
          state: 'open',
          title: 'Incubator door open during activation',
          changedAt: new Date().toISOString(),
          changedBy: 'supervisor',
        },
        'batch-record',
        batch.batchId,
        2,
      );
    });

    // Assert
    const blockers = await eventually(
      async () => {
        const r = await readinessOf();
        const fields: string[] = (r.body.blockers ?? []).map((b: { field: string }) => b.field);
        return fields.includes(`materials.${lotId}`) && fields.includes(`deviations.${deviationId}`) ? fields : undefined;
      },
      60_000,
      'both blockers recorded after the outage',
    );
    expect(blockers).toEqual(expect.arrayContaining([`materials.${lotId}`, `deviations.${deviationId}`]));
    const refused = await system
      .api('qc-release', qa)
      .post(`/batches/${batch.batchId}/disposition`, { decision: 'released', signature: { password: 'demo-password', username: 'qa' } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('release-blocked');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([`materials.${lotId}`, `deviations.${deviationId}`]),
    );
    expect(await deadLetters('qc-release')).toEqual([]);
    expect(await dlqSize('qc-release')).toBe(dlqBefore);
    await eventually(
      async () => (await readiness('qc-release')).checks?.consumer === 'up',
      30_000,
      'qc-release consumer no longer degraded',
    );
  }, 240_000);

  it("should draw down the lot once for a step's consumption that arrived while inventory had no database", async () => {
    // Arrange
    const [lot] = await system.query<{ quantity: string; material_code: string; unit: string }>(
      'inventory',
      'SELECT quantity, material_code, unit FROM reagent_lot WHERE id = $1',
      [RELEASED_IL2_LOT],
    );
    const batch = { batchId: randomUUID(), orderId: randomUUID(), coi: 'COI-AB12-CD34', clinicId: 'CLINIC-A' };
    let eventId = '';
    const dlqBefore = await dlqSize('inventory');

    // Act
    await outage('inventory', async () => {
      const event = await publish(
        StepCompletedV1,
        {
          ...batch,
          stepCode: 'ACTIVATION',
          stepName: 'T-cell activation',
          sequence: 2,
          values: {},
          actions: [{ kind: 'consume-material', lotId: RELEASED_IL2_LOT, materialCode: lot.material_code, quantity: 1, unit: lot.unit }],
          completedBy: 'operator',
          completedAt: new Date().toISOString(),
        },
        'batch-record',
        batch.batchId,
        1,
      );
      eventId = event.eventId;
    });

    // Assert
    const consumptions = await eventually(
      async () => {
        const rows = await system.query<{ quantity_after: string }>(
          'inventory',
          'SELECT quantity_after FROM lot_consumption WHERE source_event_id = $1',
          [eventId],
        );
        return rows.length ? rows : undefined;
      },
      60_000,
      'the consumption recorded after the outage',
    );
    await sleep(2_000); // room for a duplicate to show up, if the consumer were to apply it twice
    const [after] = await system.query<{ quantity: string }>('inventory', 'SELECT quantity FROM reagent_lot WHERE id = $1', [
      RELEASED_IL2_LOT,
    ]);
    expect(consumptions).toHaveLength(1);
    expect(Number(after.quantity)).toBe(Number(lot.quantity) - 1);
    expect(await deadLetters('inventory')).toEqual([]);
    expect(await dlqSize('inventory')).toBe(dlqBefore);
  }, 240_000);
});
