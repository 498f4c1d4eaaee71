import { LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApheresisReceivedV1, BatchStartedV1, OrderPlacedV1, StepCompletedV1, Topics, createEvent } from '@mes/contracts';
import { UnitOfWork } from '../database/data-source';
import { EventConsumer, EventHandler } from './event-consumer';
import { IncomingMessage, MessageBus, OutgoingMessage } from './message-bus.port';

const GROUP = 'qc-release';
const DLQ = 'mes.dlq.qc-release.v1';
const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const order = {
  orderId,
  coi: 'COI-AB12-CD34',
  clinicId: 'CLINIC-A',
  productCode: 'CD19-CAR-T',
  slotDate: '2026-12-01',
  placedBy: 'x',
};

class FakeMessageBus extends MessageBus {
  readonly published: OutgoingMessage[] = [];
  connect = jest.fn(async () => undefined);
  ensureTopics = jest.fn(async () => undefined);
  subscribe = jest.fn(async () => undefined);
  ping = jest.fn(async () => undefined);
  consumersJoined = () => true;
  disconnect = jest.fn(async () => undefined);
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }
}

/** Emulates platform_inbox: a claim inside a transaction is kept only if the transaction commits. */
class FakeUnitOfWork {
  readonly inbox = new Set<string>();
  runs = 0;
  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // A consumer that loops after success would otherwise hang the test instead of failing it.
    if (++this.runs > 20) throw new Error('runaway unit of work');
    const claimed = new Set<string>();
    const tx = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        if (!/INSERT INTO platform_inbox[\s\S]*RETURNING/.test(sql)) throw new Error(`unexpected query: ${sql}`);
        const key = `${params[0]}|${params[1]}`;
        if (this.inbox.has(key) || claimed.has(key)) return [];
        claimed.add(key);
        return [{ event_id: params[0] }];
      }),
    } as unknown as EntityManager;
    const result = await work(tx);
    claimed.forEach((k) => this.inbox.add(k));
    return result;
  }
}

const fakeLogger = (): LoggerService => ({ log: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn(), verbose: jest.fn() });

function message(value: string | null, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return { topic: Topics.order, partition: 3, offset: '17', key: orderId, value, headers: { 'event-type': 'x' }, ...overrides };
}

const orderPlaced = (data: Record<string, unknown> = order): string => {
  const envelope = createEvent(OrderPlacedV1, order, {
    producer: 'batch-record',
    subject: orderId,
    eventId: '5d0c8f9e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
  });
  return JSON.stringify({ ...envelope, data });
};

function arrange(maxAttempts = 3) {
  const bus = new FakeMessageBus();
  const unitOfWork = new FakeUnitOfWork();
  const consumer = new EventConsumer(bus, unitOfWork as unknown as UnitOfWork, fakeLogger(), {
    groupId: GROUP,
    maxAttempts,
    baseDelayMs: 1,
  });
  return { bus, unitOfWork, consumer };
}

describe(EventConsumer.name, () => {
  it('should run the handler once with the parsed envelope when a valid event arrives', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange();
    const handler = jest.fn<ReturnType<EventHandler>, Parameters<EventHandler>>().mockResolvedValue();
    consumer.on(OrderPlacedV1, handler);

    // Act
    await consumer.handle(message(orderPlaced()));

    // Assert
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][1]).toMatchObject({ type: OrderPlacedV1.type, subject: orderId, data: order });
    expect(unitOfWork.runs).toBe(1);
    expect(bus.published).toEqual([]);
  });

  it('should run the handler once when the same message is delivered twice', async () => {
    // Arrange
    const { bus, consumer } = arrange();
    const handler = jest.fn().mockResolvedValue(undefined);
    consumer.on(OrderPlacedV1, handler);

    // Act
    await consumer.handle(message(orderPlaced()));
    await consumer.handle(message(orderPlaced(), { offset: '18' }));

    // Assert
    expect(handler).toHaveBeenCalledTimes(1);
    expect(bus.published).toEqual([]);
  });

  it('should skip without dead-lettering when no handler is registered for a known event type', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange();
    consumer.on(BatchStartedV1, jest.fn());

    // Act
    await consumer.handle(message(orderPlaced()));

    // Assert
    expect(unitOfWork.runs).toBe(0);
    expect(bus.published).toEqual([]);
  });

  it('should skip without dead-lettering when the event type is unknown to the contracts', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange();
    consumer.on(OrderPlacedV1, jest.fn());
    const value = JSON.parse(orderPlaced());
    value.type = 'batch-record.order.teleported';

    // Act
    await consumer.handle(message(JSON.stringify(value)));

    // Assert
    expect(unitOfWork.runs).toBe(0);
    expect(bus.published).toEqual([]);
  });

  it('should dead-letter at once with the reason when the value is not JSON', async () => {
    // Arrange
    const { bus, consumer } = arrange();
    const handler = jest.fn();
    consumer.on(OrderPlacedV1, handler);

    // Act
    await consumer.handle(message('{not json'));

    // Assert
    expect(handler).not.toHaveBeenCalled();
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0]).toMatchObject({ topic: DLQ, key: orderId, value: '{not json' });
    expect(bus.published[0].headers).toMatchObject({ 'dlq-attempts': '1', 'dlq-reason': expect.stringMatching(/JSON/) });
  });

  it('should dead-letter at once with the contract issues when the event data breaks the contract', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange();
    const handler = jest.fn();
    consumer.on(OrderPlacedV1, handler);
    const value = orderPlaced({ ...order, coi: 'patient-name' });

    // Act
    await consumer.handle(message(value));

    // Assert
    expect(handler).not.toHaveBeenCalled();
    expect(unitOfWork.runs).toBe(0);
    expect(bus.published).toEqual([
      {
        topic: DLQ,
        key: orderId,
        value,
        headers: {
          'event-type': 'x',
          'dlq-reason': 'Invalid batch-record.order.placed v1',
          'dlq-detail': expect.stringContaining('"path":"coi"'),
          'dlq-attempts': '1',
          'dlq-source-topic': Topics.order,
          'dlq-source-partition': '3',
          'dlq-source-offset': '17',
          'dlq-consumer-group': GROUP,
        },
      },
    ]);
  });

  it('should dead-letter with a placeholder key when a message without key or value arrives', async () => {
    // Arrange
    const { bus, consumer } = arrange();
    consumer.on(OrderPlacedV1, jest.fn());

    // Act
    await consumer.handle(message(null, { key: null }));

    // Assert
    expect(bus.published).toEqual([expect.objectContaining({ topic: DLQ, key: 'no-key', value: '' })]);
  });

  it('should retry maxAttempts times and then dead-letter with the attempts when the handler always throws', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange(3);
    const handler = jest.fn().mockRejectedValue(new Error('lot table is locked'));
    consumer.on(OrderPlacedV1, handler);

    // Act
    await consumer.handle(message(orderPlaced()));

    // Assert
    expect(handler).toHaveBeenCalledTimes(3);
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0].topic).toBe(DLQ);
    expect(bus.published[0].headers).toMatchObject({ 'dlq-attempts': '3', 'dlq-reason': 'lot table is locked' });
    expect(unitOfWork.inbox.size).toBe(0);
  });

  it('should not dead-letter and should record the event when the handler fails once and then succeeds', async () => {
    // Arrange
    const { bus, unitOfWork, consumer } = arrange(3);
    const handler = jest.fn().mockRejectedValueOnce(new Error('serialization failure')).mockResolvedValue(undefined);
    consumer.on(OrderPlacedV1, handler);

    // Act
    await consumer.handle(message(orderPlaced()));

    // Assert
    expect(handler).toHaveBeenCalledTimes(2);
    expect(bus.published).toEqual([]);
    expect(unitOfWork.inbox.size).toBe(1);
  });

  it('should throw when two handlers are registered for one event type and version', () => {
    // Arrange
    const { consumer } = arrange();
    consumer.on(OrderPlacedV1, jest.fn());

    // Act / Assert
    expect(() => consumer.on(OrderPlacedV1, jest.fn())).toThrow(/Two handlers for batch-record.order.placed@v1/);
  });

  it('should list each topic of the registered definitions once when asked for topics', () => {
    // Arrange
    const { consumer } = arrange();
    consumer.on(OrderPlacedV1, jest.fn());
    consumer.on(ApheresisReceivedV1, jest.fn());
    consumer.on(StepCompletedV1, jest.fn());

    // Act
    const topics = consumer.topics();

    // Assert
    expect(topics.sort()).toEqual([Topics.batch, Topics.order].sort());
  });

  it('should subscribe its group to its topics when started', async () => {
    // Arrange
    const { bus, consumer } = arrange();
    consumer.on(OrderPlacedV1, jest.fn());

    // Act
    await consumer.start();

    // Assert
    expect(bus.subscribe).toHaveBeenCalledWith({ groupId: GROUP, topics: [Topics.order], fromBeginning: true }, expect.any(Function));
  });
});
