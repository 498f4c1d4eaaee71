import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { DeviationChangedV1, LotMisuseDetectedV1, Topics, createEvent, deadLetterTopic } from '@mes/contracts';
import { JsonLogger, KafkajsMessageBus } from '@mes/platform';
import { TestSystem, eventually } from '@mes/testing';

interface DeadLetterRow {
  id: string;
  event_type: string | null;
  event_version: number | null;
  reason: string;
  detail: string;
  state: string;
  resolved_by: string | null;
  resolution_reason: string | null;
}

/**
 * Messages a consumer can never apply as they are: dead-lettered, recorded in the service's table with a staff
 * alert, and resolved by an operator command that replays (through the consumer's own inbox and transaction) or
 * discards them, both audited.
 */
describe('dead letters', () => {
  const system = new TestSystem();
  const bus = new KafkajsMessageBus('dead-letter-test', system.kafkaBrokers.split(','), new JsonLogger('dead-letter-test', 'error'));
  let admin: string;
  const batch = { batchId: randomUUID(), orderId: randomUUID(), coi: 'COI-AB12-CD34', clinicId: 'CLINIC-A' };

  const misuse = (lotId: string) =>
    createEvent(
      LotMisuseDetectedV1,
      {
        lotId,
        materialCode: 'IL-2',
        batchId: batch.batchId,
        stepCode: 'ACTIVATION',
        usedAt: new Date().toISOString(),
        reason: 'lot expired',
      },
      { producer: 'inventory', subject: lotId },
    );
  const send = (topic: string, key: string, value: unknown) => bus.publish([{ topic, key, value: JSON.stringify(value) }]);

  const deadLetterOf = (eventId: string) =>
    eventually(
      async () =>
        (
          await system.query<DeadLetterRow>(
            'qc-release',
            `SELECT id, event_type, event_version, reason, detail, state, resolved_by, resolution_reason
             FROM platform_dead_letter WHERE convert_from(message_value, 'UTF8')::jsonb ->> 'eventId' = $1`,
            [eventId],
          )
        )[0],
      30_000,
      `qc-release to dead-letter ${eventId}`,
    );
  const stateOf = async (id: string) =>
    (await system.query<DeadLetterRow>('qc-release', 'SELECT * FROM platform_dead_letter WHERE id = $1', [id]))[0];

  /** The operator command, as an operator runs it against qc-release's configuration. */
  const command = (...args: string[]) => {
    const run = spawnSync(process.execPath, [path.resolve(__dirname, '../dist/apps/qc-release/src/dead-letters.js'), ...args], {
      env: system.env('qc-release', { LOG_LEVEL: 'error' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  };

  const alertFor = (eventType: string, service = 'qc-release') =>
    eventually(
      async () => {
        const r = await system.api('notification', admin).get('/alerts');
        const alerts: { kind: string; title: string; body: string }[] = Array.isArray(r.body) ? r.body : (r.body.items ?? []);
        return alerts.find((a) => a.kind === 'dead-letter' && a.title === `${service} could not process ${eventType}`);
      },
      30_000,
      `a dead-letter alert from ${service} for ${eventType}`,
    );

  beforeAll(async () => {
    await system.resetDatabases(['identity', 'qc-release', 'notification']);
    await bus.connect();
    await Promise.all([system.start('identity'), system.start('qc-release'), system.start('notification')]);
    admin = await system.login('admin');
  }, 240_000);

  afterAll(async () => {
    await system.stopAll();
    await bus.disconnect();
  }, 60_000);

  it('should dead-letter an unknown version of a consumed event, alert staff, and discard it with who and why audited', async () => {
    // Arrange
    const event = { ...misuse(randomUUID()), version: 2 };

    // Act
    await send(Topics.inventoryLot, event.subject, event);

    // Assert
    const row = await deadLetterOf(event.eventId);
    expect(row).toMatchObject({
      event_type: LotMisuseDetectedV1.type,
      event_version: 2,
      reason: `No handler for ${LotMisuseDetectedV1.type} v2 in qc-release (handles v1)`,
      state: 'pending',
    });
    const alert = await alertFor(`${LotMisuseDetectedV1.type} v2`);
    expect(alert.body).toContain(row.id);
    // notification consumes that type too: its own dead letter alerts through its own outbox, like any service's.
    await alertFor(`${LotMisuseDetectedV1.type} v2`, 'notification');
    expect(JSON.parse(command('list').out).map((d: { id: string }) => d.id)).toContain(row.id);

    const withoutReason = command('discard', row.id, '--by', 'admin');
    expect(withoutReason.code).toBe(2);
    expect(withoutReason.err).toMatch(/--why is required/);
    expect((await stateOf(row.id)).state).toBe('pending');

    const discarded = command('discard', row.id, '--by', 'admin', '--why', 'producer rolled back the v2 release; v1 re-sent');
    expect(discarded.code).toBe(0);
    expect(await stateOf(row.id)).toMatchObject({
      state: 'discarded',
      resolved_by: 'admin',
      resolution_reason: 'producer rolled back the v2 release; v1 re-sent',
    });
    const audit = await system.query(
      'qc-release',
      `SELECT actor_id, old_value, new_value, reason FROM platform_audit WHERE entity = 'dead-letter' AND entity_id = $1`,
      [row.id],
    );
    expect(audit).toEqual([
      {
        actor_id: 'admin',
        old_value: { state: 'pending' },
        new_value: { state: 'discarded' },
        reason: 'producer rolled back the v2 release; v1 re-sent',
      },
    ]);
  }, 120_000);

  it('should dead-letter a contract-breaking message at once with the broken field, and refuse to replay it as it is', async () => {
    // Arrange
    const valid = createEvent(
      DeviationChangedV1,
      {
        ...batch,
        deviationId: randomUUID(),
        number: 'DEV-DLQ-1',
        stepCode: null,
        classification: 'critical',
        source: 'manual',
        state: 'open',
        title: 'Broken contract',
        changedAt: new Date().toISOString(),
        changedBy: 'supervisor',
      },
      { producer: 'batch-record', subject: batch.batchId },
    );
    const broken = { ...valid, data: { ...valid.data, classification: 'catastrophic' } };

    // Act
    await send(Topics.batch, batch.batchId, broken);

    // Assert
    const row = await deadLetterOf(broken.eventId);
    expect(row).toMatchObject({ event_type: DeviationChangedV1.type, reason: `Invalid ${DeviationChangedV1.type} v1`, state: 'pending' });
    expect(row.detail).toContain('"path":"classification"');
    await alertFor(`${DeviationChangedV1.type} v1`);
    const replay = command('replay', row.id, '--by', 'admin', '--why', 'try again');
    expect(replay.code).toBe(1);
    expect(replay.err).toContain(`Invalid ${DeviationChangedV1.type} v1`);
    expect((await stateOf(row.id)).state).toBe('pending');
    expect(await system.query('qc-release', 'SELECT 1 FROM qc_deviation_view WHERE deviation_id = $1', [valid.data.deviationId])).toEqual(
      [],
    );
  }, 120_000);

  it('should apply a dead-lettered event exactly once when it is replayed after the cause is fixed', async () => {
    // Arrange: a database rule that refuses the blocker (not an outage: retried a few times, then dead-lettered).
    await system.query(
      'qc-release',
      `CREATE FUNCTION refuse_blocker() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'blocker storage disabled by the DBA'; END $$`,
    );
    await system.query(
      'qc-release',
      'CREATE TRIGGER refuse_blocker BEFORE INSERT ON qc_material_blocker FOR EACH ROW EXECUTE FUNCTION refuse_blocker()',
    );
    const lotId = randomUUID();
    const event = misuse(lotId);
    const blockers = () => system.query('qc-release', 'SELECT 1 FROM qc_material_blocker WHERE lot_id = $1', [lotId]);

    // Act
    await send(Topics.inventoryLot, lotId, event);
    const row = await deadLetterOf(event.eventId);
    const tooEarly = command('replay', row.id, '--by', 'admin', '--why', 'before the fix');
    await system.query('qc-release', 'DROP TRIGGER refuse_blocker ON qc_material_blocker');
    const replayed = command('replay', row.id, '--by', 'admin', '--why', 'trigger removed (CHG-1234)');
    const again = command('replay', row.id, '--by', 'admin', '--why', 'twice');

    // Assert
    expect(row.reason).toBe('blocker storage disabled by the DBA');
    expect(tooEarly.code).toBe(1);
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.out)).toMatchObject({ outcome: 'applied' });
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already replayed/);
    expect(await blockers()).toHaveLength(1);
    expect(await stateOf(row.id)).toMatchObject({
      state: 'replayed',
      resolved_by: 'admin',
      resolution_reason: 'trigger removed (CHG-1234)',
    });
    const audit = await system.query<{ new_value: unknown }>(
      'qc-release',
      `SELECT new_value FROM platform_audit WHERE entity = 'dead-letter' AND entity_id = $1`,
      [row.id],
    );
    expect(audit).toEqual([{ new_value: { state: 'replayed', outcome: 'applied' } }]);
  }, 120_000);

  it('should record garbage holding a NUL byte as it came and go on with the partition', async () => {
    const lotId = randomUUID();
    const garbage = `garbage-${lotId}\u0000\u0001`;
    const next = misuse(lotId);

    await bus.publish([{ topic: Topics.inventoryLot, key: lotId, value: garbage, headers: { 'x-odd': 'a\u0000b' } }]);
    await send(Topics.inventoryLot, lotId, next);
    const rows = await eventually(
      async () => {
        const found = await system.query<{ message_value: Buffer; headers: Buffer; reason: string }>(
          'qc-release',
          `SELECT message_value, headers, reason FROM platform_dead_letter WHERE position(convert_to($1, 'UTF8') in message_value) > 0`,
          [`garbage-${lotId}`],
        );
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'qc-release to dead-letter the garbage',
    );
    const blockers = await eventually(
      async () => {
        const found = await system.query('qc-release', 'SELECT 1 FROM qc_material_blocker WHERE lot_id = $1', [lotId]);
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'qc-release to apply the event after the garbage',
    );

    expect(rows).toHaveLength(1);
    expect(rows[0].message_value.toString('utf8')).toBe(garbage);
    expect(JSON.parse(rows[0].headers.toString('utf8'))).toMatchObject({ 'x-odd': 'a\u0000b' });
    expect(rows[0].reason).toMatch(/not JSON/);
    expect(blockers).toHaveLength(1);
  }, 90_000);

  it('should keep dead-letter topics without a time limit', async () => {
    const admin = new Kafka({ clientId: 'dead-letter-test', brokers: system.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: deadLetterTopic('qc-release'), configNames: ['retention.ms'] }],
      });
      expect(resources[0].configEntries).toEqual([expect.objectContaining({ configName: 'retention.ms', configValue: '-1' })]);
    } finally {
      await admin.disconnect();
    }
  });
});
