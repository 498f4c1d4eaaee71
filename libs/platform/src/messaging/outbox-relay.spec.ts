import { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBus, OutgoingMessage } from './message-bus.port';
import { OutboxRelay } from './outbox-relay';

interface Row {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  event_type: string;
  payload: unknown;
}

const row = (seq: number, key: string): Row => ({
  seq: String(seq),
  event_id: `00000000-0000-4000-8000-00000000000${seq}`,
  topic: 'mes.batch-record.order.v1',
  message_key: key,
  event_type: 'batch-record.order.placed',
  payload: { seq, key },
});

/** A DataSource whose transaction hands out a tx answering the relay's three queries from a script. */
function arrange(script: { locked: boolean; rows: Row[]; publish?: (m: OutgoingMessage[]) => Promise<void> }) {
  const log: string[] = [];
  const query = jest.fn(async (sql: string) => {
    if (sql.includes('pg_try_advisory_xact_lock')) return [{ locked: script.locked }];
    if (/SELECT[\s\S]*FROM platform_outbox/.test(sql)) return script.rows;
    if (sql.startsWith('UPDATE platform_outbox')) {
      log.push('mark');
      return [];
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
  const relay = new OutboxRelay(dataSource, bus, logger, { databaseUrl: 'postgres://unused', pollIntervalMs: 1_000 });
  return { relay, query, published, log };
}

describe(OutboxRelay.name, () => {
  it('should publish the unpublished rows in seq order with key, payload and headers when drained', async () => {
    // Arrange
    const rows = [row(1, 'order-a'), row(2, 'order-b'), row(3, 'order-a')];
    const { relay, query, published } = arrange({ locked: true, rows });

    // Act
    const count = await relay.drain();

    // Assert
    expect(count).toBe(3);
    expect(query.mock.calls.find(([sql]) => sql.includes('FROM platform_outbox'))?.[0]).toMatch(/WHERE published_at IS NULL ORDER BY seq/);
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
});
