import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { BatchStartedV1, EventDefinition, EventEnvelope, ExpectedReleaseDateSetV1, OrderPlacedV1, createEvent } from '@mes/contracts';
import { EventTransport, JsonLogger, MessageBus, TokenIssuer, configureApp, loadConfig, runMigrations } from '@mes/platform';
import { ApiClient, SseClient } from '@mes/testing';
import { AppModule } from './app.module';
import { notificationConfigSchema } from './config/notification.config';
import { notificationDataSourceOptions } from './database/data-source';

/** Kafka stays out of this test: events are handed straight to the platform consumer, as the bus would. */
class InMemoryBus extends MessageBus {
  async connect() {}
  async ensureTopics() {}
  async publish() {}
  async subscribe() {}
  async ping() {}
  consumersJoined() {
    return true;
  }
  async disconnect() {}
}

const DB = 'mes_notification_it';
const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const batchId = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const coi = 'COI-AB12-CD34';

jest.setTimeout(30_000);

describe('notification service (Postgres, Redis; Kafka faked)', () => {
  const pgBase = process.env.MES_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const config = loadConfig(notificationConfigSchema, {
    DATABASE_URL: `${pgBase}/${DB}`,
    REDIS_URL: process.env.MES_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/2',
    KAFKA_BROKERS: 'unused:9092',
    AUTH_JWT_SECRET: 'integration-test-secret-0123456789-abcdefghij',
    PROCESS_ROLES: 'api,consumer',
    LOG_LEVEL: 'warn',
  });
  const issuer = new TokenIssuer({ secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE });
  const token = (username: string, roles: ('clinic' | 'qa' | 'operator')[], clinicId: string | null = null) =>
    issuer.issue({ id: username, username, name: username, roles, clinicId }).accessToken;
  const clinicA = token('clinic-a', ['clinic'], 'CLINIC-A');
  const clinicB = token('clinic-b', ['clinic'], 'CLINIC-B');
  let app: INestApplication;
  let url: string;
  let offset = 0;

  const deliver = (definition: EventDefinition, event: EventEnvelope) =>
    app.get(EventTransport).handle({
      topic: definition.topic,
      partition: 0,
      offset: String(offset++),
      key: event.subject,
      value: JSON.stringify(event),
      headers: {},
    });
  const api = (t?: string) => new ApiClient(url, t);

  beforeAll(async () => {
    const admin = new Client({ connectionString: `${pgBase}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    await runMigrations(notificationDataSourceOptions(config.DATABASE_URL));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
      .overrideProvider(MessageBus)
      .useValue(new InMemoryBus())
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    configureApp(app, new JsonLogger('notification', 'error'));
    app.connectMicroservice({ strategy: app.get(EventTransport) });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  }, 30_000);

  const orderPlaced = createEvent(
    OrderPlacedV1,
    { orderId, coi, clinicId: 'CLINIC-A', productCode: 'CD19-CAR-T', slotDate: '2026-12-01', placedBy: 'clinic-a' },
    { producer: 'batch-record', subject: orderId },
  );
  const batchStarted = createEvent(
    BatchStartedV1,
    {
      batchId,
      lotNumber: 'LOT-0042',
      orderId,
      coi,
      clinicId: 'CLINIC-A',
      mbrCode: 'MBR',
      mbrVersion: 1,
      startedAt: '2026-12-02T09:00:00Z',
      startedBy: 'operator',
    },
    { producer: 'batch-record', subject: batchId },
  );
  const releaseDate = createEvent(
    ExpectedReleaseDateSetV1,
    { batchId, expectedReleaseAt: '2026-12-16T10:00:00Z', previousExpectedReleaseAt: null },
    { producer: 'qc-release', subject: batchId },
  );

  it("should stream a clinic's notifications live in seq order, parked ones included, and nothing to another clinic", async () => {
    const streamA = new SseClient(`${url}/notifications/stream`, { authorization: `Bearer ${clinicA}` });
    const streamB = new SseClient(`${url}/notifications/stream?access_token=${clinicB}`);
    await Promise.all([streamA.connect(), streamB.connect()]);
    try {
      await deliver(ExpectedReleaseDateSetV1, releaseDate); // before its batch is known: parked
      await deliver(OrderPlacedV1, orderPlaced);
      await deliver(BatchStartedV1, batchStarted);
      await deliver(BatchStartedV1, batchStarted); // redelivery changes nothing
      await streamA.waitFor((e) => e.length >= 3, 10_000, 'three notifications');
      await new Promise((r) => setTimeout(r, 300));
      const got = streamA.json<{ kind: string; seq: number; clinicId: string }>();
      expect(got.map((n) => n.kind)).toEqual(['slot-confirmed', 'manufacturing-started', 'expected-release-date']);
      expect(streamA.events.map((e) => Number(e.id))).toEqual(got.map((n) => n.seq));
      expect(got.map((n) => n.seq)).toEqual([...got.map((n) => n.seq)].sort((a, b) => a - b));
      expect(streamB.events).toEqual([]);
    } finally {
      await Promise.all([streamA.close(), streamB.close()]);
    }
  });

  it('should replay only what follows Last-Event-ID when a client resumes', async () => {
    const inbox = await api(clinicA).get('/notifications');
    const resume = new SseClient(`${url}/notifications/stream`, {
      authorization: `Bearer ${clinicA}`,
      'last-event-id': String(inbox.body[0].seq),
    });
    await resume.connect();
    try {
      await resume.waitFor((e) => e.length >= 2, 5_000, 'replay');
      expect(resume.json<{ kind: string }>().map((n) => n.kind)).toEqual(['manufacturing-started', 'expected-release-date']);
    } finally {
      await resume.close();
    }
  });

  it('should go live rather than silent when the resume point is beyond the newest notification', async () => {
    const stream = new SseClient(`${url}/notifications/stream?after=999999999`, { authorization: `Bearer ${clinicA}` });
    await stream.connect();
    try {
      const later = createEvent(
        ExpectedReleaseDateSetV1,
        { batchId, expectedReleaseAt: '2026-12-17T10:00:00Z', previousExpectedReleaseAt: '2026-12-16T10:00:00Z' },
        { producer: 'qc-release', subject: batchId },
      );
      await deliver(ExpectedReleaseDateSetV1, later);
      await stream.waitFor((e) => e.length >= 1, 5_000, 'the live notification');
      expect(stream.json<{ sourceEventId: string }>().map((n) => n.sourceEventId)).toEqual([later.eventId]);
    } finally {
      await stream.close();
    }
  });

  it('should list only the caller clinic, and let QA pick a clinic', async () => {
    const a = await api(clinicA).get('/notifications');
    expect(a.status).toBe(200);
    expect(a.body.map((n: { kind: string }) => n.kind)).toEqual([
      'slot-confirmed',
      'manufacturing-started',
      'expected-release-date',
      'expected-release-date',
    ]);
    expect(a.body.every((n: { clinicId: string; coi: string }) => n.clinicId === 'CLINIC-A' && n.coi === coi)).toBe(true);
    expect((await api(clinicB).get('/notifications')).body).toEqual([]);
    expect((await api(clinicA).get('/notifications?clinicId=CLINIC-B')).status).toBe(403);
    expect((await api(token('qa', ['qa'])).get('/notifications?clinicId=CLINIC-A')).body).toHaveLength(4);
    expect((await api(token('operator', ['operator'])).get('/notifications')).status).toBe(403);
    expect((await api(clinicA).get(`/notifications?after=${a.body[1].seq}`)).body).toHaveLength(2);
    const bad = await api(clinicA).get('/notifications?limit=0&after=x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['after', 'limit']);
  });

  it('should acknowledge once, repeat idempotently, and hide another clinic’s notification', async () => {
    const [first] = (await api(clinicA).get('/notifications')).body;
    expect((await api(clinicB).post(`/notifications/${first.id}/acknowledge`)).status).toBe(404);
    const ack = await api(clinicA).post(`/notifications/${first.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: first.id, acknowledgedBy: 'clinic-a' });
    const again = await api(clinicA).post(`/notifications/${first.id}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
    expect((await api(clinicA).get('/notifications?unacknowledged=true')).body.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await api(clinicA).post('/notifications/not-a-uuid/acknowledge')).status).toBe(400);
    expect((await api(token('qa', ['qa'])).post(`/notifications/${first.id}/acknowledge`)).status).toBe(403);
  });

  it('should refuse a stream without a token or for another clinic before it starts', async () => {
    expect((await fetch(`${url}/notifications/stream`)).status).toBe(401);
    const other = await fetch(`${url}/notifications/stream?clinicId=CLINIC-B`, { headers: { authorization: `Bearer ${clinicA}` } });
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });

  it('should end open streams and the listener when the application shuts down', async () => {
    const stream = new SseClient(`${url}/notifications/stream`, { authorization: `Bearer ${clinicA}` });
    await stream.connect();
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise((r) => (timer = setTimeout(() => r('hung'), 10_000)));
    await expect(Promise.race([app.close().then(() => 'closed'), hung])).resolves.toBe('closed');
    clearTimeout(timer);
    await stream.close();
    app = undefined as unknown as INestApplication;
  });
});
