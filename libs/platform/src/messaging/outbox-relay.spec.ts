import { EventEmitter } from 'node:events';
import { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '../database/outbox';
import { MessageBus, MessageRejectedError, OutgoingMessage } from './message-bus.port';
import { OutboxRowAbandonedV1 } from '@mes/contracts';
import { ListenClient, OutboxRelay } from './outbox-relay';

interface Row {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: unknown;
  attempts: number;
}

const row = (seq: number, key: string, attempts = 0): Row => ({
  seq: String(seq),
  event_id: `00000000-0000-4000-8000-00000000000${seq}`,
  topic: 'mes.batch-record.order.v1',
  message_key: key,
  event_type: 'batch-record.order.placed',
  payload: { seq, key },
  attempts,
});

/** A DataSource whose transaction hands out a tx answering the relay's queries from a script. */
function arrange(script: {
  locked: boolean;
  rows: Row[];
  publish?: (m: OutgoingMessage[]) => Promise<void>;
  maxAttempts?: number;
  outbox?: OutboxWriter;
}) {
  const log: string[] = [];
  const refusals: { seq: string; error: string; maxAttempts: number }[] = [];
  const query = jest.fn(async (sql: string, params?: unknown[]) => {
    if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: script.locked }];
    if (/SELECT[\s\S]*FROM platform_outbox/.test(sql)) return script.rows;
    if (sql.includes('SET published_at')) {
      log.push('mark');
      return [];
    }
    if (sql.includes('SET attempts = attempts + 1')) {
      const [seq, error, maxAttempts] = params as [string, string, number];
      refusals.push({ seq, error, maxAttempts });
      const attempts = (script.rows.find((r) => r.seq === seq)?.attempts ?? 0) + 1;
      return [{ attempts, abandoned_at: attempts >= maxAttempts ? new Date('2026-06-01T12:00:00.000Z') : null }];
    }
    throw new Error(`unexpected query: ${sql}`);
  });
  const dataSource = { transaction: jest.fn((work: (tx: unknown) => Promise<unknown>) => work({ query })) } as unknown as DataSource;
  const published: OutgoingMessage[] = [];
  const bus = {
    publish: jest.fn(async (messages: OutgoingMessage[]) => {
      // The broker acknowledges later, as a real one does; marking must wait for it.
      await new Promise((resolve) => setImmediate(resolve));
      if (script.publish) await script.publish(messages);
      log.push('publish');
      published.push(...messages);
    }),
  } as unknown as MessageBus;
  const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const relay = new OutboxRelay(
    dataSource,
    bus,
    logger,
    { databaseUrl: 'postgres://unused', pollIntervalMs: 1_000, maxAttempts: script.maxAttempts, service: 'batch-record' },
    script.outbox,
  );
  return { relay, query, published, log, refusals, bus };
}

/** Kafka refuses every message keyed `poison` for good, as it does a record over the broker's size limit. */
const rejectPoison = async (messages: OutgoingMessage[]) => {
  if (messages.some((m) => m.key === 'poison')) throw new MessageRejectedError('MESSAGE_TOO_LARGE: too big');
};

describe(OutboxRelay.name, () => {
  it('should publish the unpublished rows in seq order with key, payload and headers when drained', async () => {
    // Arrange
    const rows = [row(1, 'order-a'), row(2, 'order-b'), row(3, 'order-a')];
    const { relay, query, published } = arrange({ locked: true, rows });

    // Act
    const count = await relay.drain();

    // Assert
    expect(count).toBe(3);
    expect(query.mock.calls.find(([sql]) => sql.includes('FROM platform_outbox'))?.[0]).toMatch(
      /WHERE published_at IS NULL[\s\S]*ORDER BY seq LIMIT/,
    );
    expect(published).toEqual([
      {
        topic: 'mes.batch-record.order.v1',
        key: 'order-a',
        value: '{"seq":1,"key":"order-a"}',
        headers: { 'event-id': rows[0].event_id, 'event-type': 'batch-record.order.placed' },
      },
      {
        topic: 'mes.batch-record.order.v1',
        key: 'order-b',
        value: '{"seq":2,"key":"order-b"}',
        headers: { 'event-id': rows[1].event_id, 'event-type': 'batch-record.order.placed' },
      },
      {
        topic: 'mes.batch-record.order.v1',
        key: 'order-a',
        value: '{"seq":3,"key":"order-a"}',
        headers: { 'event-id': rows[2].event_id, 'event-type': 'batch-record.order.placed' },
      },
    ]);
  });

  it('should mark exactly the published rows after Kafka acknowledged them when drained', async () => {
    // Arrange
    const { relay, query, log } = arrange({ locked: true, rows: [row(7, 'a'), row(8, 'b')] });

    // Act
    await relay.drain();

    // Assert
    expect(log).toEqual(['publish', 'mark']);
    const update = query.mock.calls.find(([sql]) => sql.startsWith('UPDATE platform_outbox'));
    expect(update).toEqual([expect.stringMatching(/SET published_at = now\(\) WHERE seq = ANY/), [['7', '8']]]);
  });

  it('should publish nothing when another relay holds the advisory lock', async () => {
    // Arrange
    const { relay, query, published } = arrange({ locked: false, rows: [row(1, 'a')] });

    // Act
    const count = await relay.drain();

    // Assert
    expect(count).toBe(0);
    expect(published).toEqual([]);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('should neither publish nor mark when the outbox is empty', async () => {
    // Arrange
    const { relay, log } = arrange({ locked: true, rows: [] });

    // Act
    const count = await relay.drain();

    // Assert
    expect(count).toBe(0);
    expect(log).toEqual([]);
  });

  it('should reject and leave the rows unmarked when publishing fails', async () => {
    // Arrange
    const { relay, log } = arrange({
      locked: true,
      rows: [row(1, 'a')],
      publish: () => Promise.reject(new Error('broker unavailable')),
    });

    // Act
    const result = relay.drain();

    // Assert
    await expect(result).rejects.toThrow('broker unavailable');
    expect(log).not.toContain('mark');
  });

  it('should select only rows that are neither published, discarded nor abandoned, nor behind an abandoned row of their key', async () => {
    // Arrange
    const { relay, query } = arrange({ locked: true, rows: [] });

    // Act
    await relay.drain();

    // Assert
    const select = String(query.mock.calls.find(([sql]) => /FROM platform_outbox/.test(sql))?.[0]);
    expect(select).toMatch(/published_at IS NULL AND discarded_at IS NULL AND abandoned_at IS NULL/);
    expect(select).toMatch(/NOT EXISTS[\s\S]*b.message_key = o.message_key AND b.seq < o.seq[\s\S]*b.abandoned_at IS NOT NULL/);
  });

  it('should publish the other keys, hold back the rest of the refused key and count one attempt when Kafka refuses one row for good', async () => {
    // Arrange
    const rows = [row(1, 'a'), row(2, 'poison'), row(3, 'b'), row(4, 'poison'), row(5, 'a')];
    const { relay, query, published, refusals } = arrange({ locked: true, rows, publish: rejectPoison });

    // Act
    const count = await relay.drain();

    // Assert
    expect(count).toBe(3);
    expect(published.map((m) => JSON.parse(m.value).seq)).toEqual([1, 3, 5]);
    expect(refusals).toEqual([{ seq: '2', error: 'MESSAGE_TOO_LARGE: too big', maxAttempts: 5 }]);
    expect(query.mock.calls.find(([sql]) => sql.includes('SET published_at'))?.[1]).toEqual([['1', '3', '5']]);
  });

  it('should abandon the row and write the alert through the outbox under another key when its last attempt is refused', async () => {
    // Arrange
    const outbox = { append: jest.fn().mockResolvedValue(undefined) } as unknown as OutboxWriter;
    const { relay, refusals } = arrange({
      locked: true,
      rows: [row(2, 'poison', 2), row(3, 'b')],
      publish: rejectPoison,
      maxAttempts: 3,
      outbox,
    });

    // Act
    await relay.drain();

    // Assert
    expect(refusals).toEqual([{ seq: '2', error: 'MESSAGE_TOO_LARGE: too big', maxAttempts: 3 }]);
    expect(outbox.append).toHaveBeenCalledWith(
      expect.anything(),
      OutboxRowAbandonedV1,
      {
        service: 'batch-record',
        outboxSeq: '2',
        eventId: row(2, 'poison').event_id,
        eventType: 'batch-record.order.placed',
        topic: 'mes.batch-record.order.v1',
        messageKey: 'poison',
        attempts: 3,
        lastError: 'MESSAGE_TOO_LARGE: too big',
        abandonedAt: '2026-06-01T12:00:00.000Z',
      },
      { subject: `outbox-row:${row(2, 'poison').event_id}` },
    );
  });

  it('should not raise an alert while the refused row still has attempts left', async () => {
    // Arrange
    const outbox = { append: jest.fn().mockResolvedValue(undefined) } as unknown as OutboxWriter;
    const { relay } = arrange({ locked: true, rows: [row(2, 'poison', 1)], publish: rejectPoison, maxAttempts: 3, outbox });

    // Act
    await relay.drain();

    // Assert
    expect(outbox.append).not.toHaveBeenCalled();
  });

  it('should count no attempt and mark nothing when the broker is unreachable', async () => {
    // Arrange
    const { relay, log, refusals } = arrange({
      locked: true,
      rows: [row(1, 'a'), row(2, 'poison', 1)],
      publish: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });

    // Act
    const result = relay.drain();

    // Assert
    await expect(result).rejects.toThrow('ECONNREFUSED');
    expect(refusals).toEqual([]);
    expect(log).not.toContain('mark');
  });

  it('should keep the rows published before the broker went away marked and count no attempt when publishing row by row', async () => {
    // Arrange
    let calls = 0;
    const { relay, query, refusals } = arrange({
      locked: true,
      rows: [row(1, 'a', 1), row(2, 'b'), row(3, 'c')],
      publish: async () => {
        if (++calls === 2) throw new Error('broker went away');
      },
    });

    // Act
    const result = relay.drain();

    // Assert
    await expect(result).rejects.toThrow('broker went away');
    expect(refusals).toEqual([]);
    expect(query.mock.calls.find(([sql]) => sql.includes('SET published_at'))?.[1]).toEqual([['1']]);
  });
});

/** A LISTEN connection that can be made to fail, as a Postgres restart does. */
class FakeListenClient extends EventEmitter {
  readonly queries: string[] = [];
  constructor(private readonly connectFails = false) {
    super();
  }
  async connect(): Promise<void> {
    if (this.connectFails) throw new Error('ECONNREFUSED');
  }
  async query(sql: string): Promise<void> {
    this.queries.push(sql);
  }
  async end(): Promise<void> {}
}

describe(`${OutboxRelay.name} LISTEN connection`, () => {
  afterEach(() => jest.useRealTimers());

  function arrangeListener(clients: FakeListenClient[]) {
    const made: FakeListenClient[] = [];
    const dataSource = { transaction: jest.fn(async () => ({ selected: 0, published: 0 })) } as unknown as DataSource;
    const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const relay = new OutboxRelay(dataSource, {} as MessageBus, logger, {
      databaseUrl: 'postgres://unused',
      pollIntervalMs: 60_000,
      reconnectDelayMs: { min: 100, max: 400 },
      listenClient: () => {
        const next = clients[made.length] ?? new FakeListenClient();
        made.push(next);
        return next as unknown as ListenClient;
      },
    });
    return { relay, made, dataSource };
  }

  it('should reconnect, LISTEN again and drain once when the connection fails', async () => {
    // Arrange
    jest.useFakeTimers();
    const { relay, made, dataSource } = arrangeListener([]);
    await relay.start();
    await jest.advanceTimersByTimeAsync(0);
    const drainsBefore = (dataSource.transaction as jest.Mock).mock.calls.length;

    // Act
    made[0].emit('error', new Error('terminating connection due to administrator command'));
    await jest.advanceTimersByTimeAsync(100);

    // Assert
    expect(made).toHaveLength(2);
    expect(made[1].queries).toEqual(['LISTEN platform_outbox']);
    expect((dataSource.transaction as jest.Mock).mock.calls.length).toBe(drainsBefore + 1);
    await relay.stop();
  });

  it('should keep retrying with a growing delay while Postgres refuses connections', async () => {
    // Arrange
    jest.useFakeTimers();
    const { relay, made } = arrangeListener([new FakeListenClient(), new FakeListenClient(true), new FakeListenClient(true)]);
    await relay.start();

    // Act
    made[0].emit('end');
    await jest.advanceTimersByTimeAsync(100); // first retry after 100 ms: refused
    await jest.advanceTimersByTimeAsync(199); // the next waits 200 ms
    const beforeSecondDelay = made.length;
    await jest.advanceTimersByTimeAsync(1); // refused again
    await jest.advanceTimersByTimeAsync(400); // then 400 ms: connects

    // Assert
    expect(beforeSecondDelay).toBe(2);
    expect(made).toHaveLength(4);
    expect(made[3].queries).toEqual(['LISTEN platform_outbox']);
    await relay.stop();
  });

  it('should not reconnect after it was stopped', async () => {
    // Arrange
    jest.useFakeTimers();
    const { relay, made } = arrangeListener([]);
    await relay.start();
    await relay.stop();

    // Act
    made[0].emit('end');
    await jest.advanceTimersByTimeAsync(1_000);

    // Assert
    expect(made).toHaveLength(1);
  });
});
