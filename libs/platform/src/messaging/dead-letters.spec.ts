import { EntityManager } from 'typeorm';
import { DeadLetterRepository } from './dead-letters';

/** Emulates Postgres: TEXT and JSONB refuse a NUL character, BYTEA stores any byte. */
function fakeTable() {
  const rows: Record<string, unknown>[] = [];
  const query = jest.fn(async (sql: string, params: unknown[] = []) => {
    if (sql.startsWith('INSERT')) {
      if (params.some((p) => typeof p === 'string' && p.includes('\u0000')))
        throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
      const [id, consumer, topic, kafka_partition, kafka_offset, message_key, message_value, headers] = params;
      rows.push({
        id,
        consumer,
        topic,
        kafka_partition,
        kafka_offset,
        message_key,
        message_value,
        headers,
        state: 'pending',
        recorded_at: new Date(0),
      });
      return [{ id }];
    }
    return rows;
  });
  return { tx: { query } as unknown as EntityManager };
}

describe(DeadLetterRepository.name, () => {
  it('should record a message with NUL bytes in key, value and headers and give it back unchanged', async () => {
    const { tx } = fakeTable();
    const repository = new DeadLetterRepository();
    const message = {
      topic: 'mes.order.v1',
      partition: 0,
      offset: '7',
      key: 'k\u0000ey',
      value: 'garbage\u0000\u00ff\u{1F600}',
      headers: { 'x-odd\u0000': 'v\u0000al' },
      heartbeat: async () => undefined,
    };

    const id = await repository.record(tx, {
      consumer: 'qc-release',
      message,
      eventType: null,
      eventVersion: null,
      reason: 'Message is not JSON',
      detail: '',
      attempts: 1,
      recordedAt: new Date(0),
    });

    expect(id).toEqual(expect.any(String));
    const [stored] = await repository.list(tx);
    expect(stored).toMatchObject({ key: message.key, value: message.value, headers: message.headers });
  });
});
