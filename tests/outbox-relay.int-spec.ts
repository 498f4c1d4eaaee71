import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { OrderPlacedV1, Topics } from '@mes/contracts';
import { OutboxWriter, SystemClock } from '@mes/platform';
import { TestSystem, eventually } from '@mes/testing';

const MAX_ATTEMPTS = 3;
const RETENTION_DAYS = 8;
const SERVICES = ['identity', 'batch-record', 'notification'] as const;

/** A row Kafka refuses for good (over the broker's 1 MB message limit) must not hold back anything but its own key; LISTEN survives a dropped connection. */
describe('outbox relay', () => {
  const system = new TestSystem();
  let clinic: string, admin: string;

  beforeAll(async () => {
    await system.resetDatabases(SERVICES);
    // 8 days, not the broker's default 7: the topics must take the service's setting.
    for (const s of SERVICES) {
      await system.start(s, {
        KAFKA_RETENTION_DAYS: String(RETENTION_DAYS),
        ...(s === 'batch-record' ? { OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS) } : {}),
      });
    }
    [clinic, admin] = await Promise.all([system.login('clinic-a'), system.login('admin')]);
  }, 240_000);

  afterAll(() => Promise.all(SERVICES.map((s) => system.stop(s))), 60_000);

  /** Appends through batch-record's own OutboxWriter, in one transaction, as a service would. */
  async function append(orderId: string, productCode: string): Promise<string> {
    const client = new Client({ connectionString: system.databaseUrl('batch-record') });
    await client.connect();
    try {
      await client.query('BEGIN');
      const tx = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
      const envelope = await new OutboxWriter('batch-record', new SystemClock()).append(
        tx,
        OrderPlacedV1,
        { orderId, coi: 'COI-POIS-0001', clinicId: 'CLINIC-A', productCode, slotDate: '2026-12-09', placedBy: 'clinic-a' },
        { subject: orderId },
      );
      await client.query('COMMIT');
      return envelope.eventId;
    } finally {
      await client.end();
    }
  }

  const consumedByNotification = async (eventId: string) =>
    (await system.query('notification', 'SELECT 1 FROM platform_inbox WHERE event_id = $1', [eventId])).length === 1;

  it('should abandon it after the bounded attempts with an admin alert, deliver other keys and hold back its own key until discarded', async () => {
    const poisonKey = randomUUID();
    const poisonId = await append(poisonKey, 'X'.repeat(1_200_000));
    const waitingId = await append(poisonKey, 'CD19-CAR-T');

    // Another aggregate's event, written after the poison row, is still delivered.
    const other = await system.api('batch-record', clinic).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-10' });
    expect(other.status).toBe(201);
    const [otherRow] = await system.query<{ event_id: string }>(
      'batch-record',
      'SELECT event_id FROM platform_outbox WHERE message_key = $1',
      [other.body.id],
    );
    await eventually(() => consumedByNotification(otherRow.event_id), 30_000, 'the other order to reach notification');

    const [abandoned] = await eventually(
      async () => {
        const rows = await system.query<{ seq: string; attempts: number; last_error: string }>(
          'batch-record',
          'SELECT seq, attempts, last_error FROM platform_outbox WHERE event_id = $1 AND abandoned_at IS NOT NULL',
          [poisonId],
        );
        return rows.length === 1 ? rows : undefined;
      },
      30_000,
      'the poison row to be abandoned',
    );
    expect(abandoned.attempts).toBe(MAX_ATTEMPTS);
    expect(abandoned.last_error).toMatch(/MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE/);

    const alert = await eventually(
      async () => {
        const r = await system.api('notification', admin).get('/alerts');
        return r.body?.find?.((a: { kind: string; subjectId: string }) => a.kind === 'outbox-row-abandoned' && a.subjectId === poisonId);
      },
      30_000,
      'the abandoned-row alert for admins',
    );
    expect(alert.details).toMatchObject({ service: 'batch-record', messageKey: poisonKey, attempts: MAX_ATTEMPTS });
    const qa = await system.login('qa');
    const qaAlerts = await system.api('notification', qa).get('/alerts');
    expect(qaAlerts.body.some((a: { kind: string }) => a.kind === 'outbox-row-abandoned')).toBe(false);

    // The same key's later event waits behind the abandoned row (per-key order), however long we look.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await consumedByNotification(waitingId)).toBe(false);
    const [waiting] = await system.query<{ published_at: Date | null }>(
      'batch-record',
      'SELECT published_at FROM platform_outbox WHERE event_id = $1',
      [waitingId],
    );
    expect(waiting.published_at).toBeNull();

    // An operator discards the poison row (audited with who and why); the key then flows again.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.resolve(__dirname, '../dist/apps/batch-record/src/outbox.js'),
        'discard',
        abandoned.seq,
        '--by',
        'admin',
        '--reason',
        'payload over the broker limit; the order was re-placed',
      ],
      { env: system.env('batch-record') },
    );
    expect(stdout).toContain('outbox row discarded');
    await eventually(() => consumedByNotification(waitingId), 30_000, 'the waiting event to be delivered after the discard');
    const audit = await system.query<{ actor_id: string; reason: string }>(
      'batch-record',
      "SELECT actor_id, reason FROM platform_audit WHERE entity = 'platform-outbox-row' AND entity_id = $1",
      [abandoned.seq],
    );
    expect(audit).toEqual([{ actor_id: 'admin', reason: 'discard: payload over the broker limit; the order was re-placed' }]);
  }, 120_000);

  it('should reconnect its LISTEN connection when Postgres drops it, and deliver at once without waiting for the poll', async () => {
    // A poll of 10 minutes: only LISTEN/NOTIFY can deliver within the test's time.
    await system.stop('batch-record');
    await system.start('batch-record', { OUTBOX_POLL_INTERVAL_MS: '600000', KAFKA_RETENTION_DAYS: String(RETENTION_DAYS) });
    const dropped = await system.query<{ pid: number }>(
      'batch-record',
      "SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE application_name = 'outbox-relay-listener' AND datname = current_database()",
    );
    expect(dropped).toHaveLength(1); // what a Postgres restart does to the listener

    await eventually(
      async () =>
        (
          await system.query(
            'batch-record',
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'outbox-relay-listener' AND datname = current_database()",
          )
        ).length === 1,
      15_000,
      'the relay to reconnect its listener',
    );
    const placed = await system.api('batch-record', clinic).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-11' });
    expect(placed.status).toBe(201);
    const [row] = await system.query<{ event_id: string }>('batch-record', 'SELECT event_id FROM platform_outbox WHERE message_key = $1', [
      placed.body.id,
    ]);
    await eventually(() => consumedByNotification(row.event_id), 15_000, 'the order to be delivered through the re-established LISTEN');
  }, 90_000);

  it('should keep event topics for KAFKA_RETENTION_DAYS, which the inbox retention must exceed', async () => {
    const admin = new Kafka({ clientId: 'retention-test', brokers: system.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: Topics.batch, configNames: ['retention.ms'] }],
      });
      expect(resources[0].configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe(
        String(RETENTION_DAYS * 86_400_000),
      );
    } finally {
      await admin.disconnect();
    }
  });
});
