import { LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EntityManager } from 'typeorm';
import {
  BatchStartedV1,
  DeadLetterRecordedV1,
  EventDefinition,
  EventEnvelope,
  OrderPlacedV1,
  StepCompletedV1,
  Topics,
  UserLockedV1,
  createEvent,
} from '@mes/contracts';
import { SystemClock } from '../clock/clock';
import { UnitOfWork } from '../database/data-source';
import { OutboxWriter } from '../database/outbox';
import { DeadLetterDraft, DeadLetterRepository } from './dead-letters';
import { EventTransport } from './event-transport';
import { PermanentEventError } from './failure-classification';
import { IncomingMessage, MessageBus, MessageRejectedError, OutgoingMessage } from './message-bus.port';
import { Consumed, EventConsumer, EventContext, OnEvent } from './on-event';

const GROUP = 'qc-release';
const DLQ = 'mes.dlq.qc-release.v1';
const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const order = { orderId, coi: 'COI-AB12-CD34', clinicId: 'CLINIC-A', productCode: 'CD19-CAR-T', slotDate: '2026-12-01', placedBy: 'x' };

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

/** Emulates platform_inbox and a transaction: a claim is kept only if the transaction commits; `log` shows the order. */
class FakeUnitOfWork {
  readonly inbox = new Set<string>();
  readonly log: string[] = [];
  runs = 0;
  /** Set to make the commit wait (or fail) after the work is done. */
  commit: () => Promise<void> = async () => undefined;

  async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // A consumer that loops after success would otherwise hang the test instead of failing it.
    if (++this.runs > 40) throw new Error('runaway unit of work');
    const claimed = new Set<string>();
    const tx = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        if (!/INSERT INTO platform_inbox[\s\S]*RETURNING/.test(sql)) throw new Error(`unexpected query: ${sql}`);
        this.log.push('inbox');
        const key = `${params[0]}|${params[1]}`;
        if (this.inbox.has(key) || claimed.has(key)) return [];
        claimed.add(key);
        return [{ event_id: params[0] }];
      }),
    } as unknown as EntityManager;
    this.log.push('begin');
    const result = await work(tx);
    await this.commit();
    claimed.forEach((k) => this.inbox.add(k));
    this.log.push('commit');
    return result;
  }
}

class FakeDeadLetters extends DeadLetterRepository {
  readonly recorded: DeadLetterDraft[] = [];
  override async record(_tx: EntityManager, draft: DeadLetterDraft): Promise<string> {
    this.recorded.push(draft);
    return '0b9c2f4e-3d1a-4e5b-8c7d-6f5e4d3c2b1a';
  }
}

const fakeLogger = (): jest.Mocked<LoggerService> => ({
  log: jest.fn(),
  warn: jest.fn(),
  error: jest.fn(),
  debug: jest.fn(),
  verbose: jest.fn(),
});

function message(value: string | null, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return { topic: Topics.order, partition: 3, offset: '17', key: orderId, value, headers: { 'event-type': 'x' }, ...overrides };
}

const orderPlaced = (change: (e: Record<string, unknown>) => void = () => undefined): string => {
  const envelope = createEvent(OrderPlacedV1, order, {
    producer: 'batch-record',
    subject: orderId,
    eventId: '5d0c8f9e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
  });
  const raw = JSON.parse(JSON.stringify(envelope));
  change(raw);
  return JSON.stringify(raw);
};

/** The handler the tests steer: `impl` decides what each call does. */
const calls: { event: EventEnvelope; tx: EntityManager }[] = [];
let impl: () => Promise<void> = async () => undefined;

@EventConsumer(OrderPlacedV1, UserLockedV1)
class OrderConsumer {
  @OnEvent(OrderPlacedV1)
  placed(event: Consumed<typeof OrderPlacedV1>, { tx }: EventContext) {
    calls.push({ event, tx });
    return impl();
  }

  @OnEvent(UserLockedV1)
  async locked() {}
}

async function arrange(
  consumers: (new (...args: never[]) => unknown)[] = [OrderConsumer],
  maxAttempts = 3,
  consumes?: readonly EventDefinition[],
) {
  calls.length = 0;
  impl = async () => undefined;
  const bus = new FakeMessageBus();
  const unitOfWork = new FakeUnitOfWork();
  const deadLetters = new FakeDeadLetters();
  const outbox = { append: jest.fn(async () => undefined) };
  const logger = fakeLogger();
  const transport = new EventTransport(
    bus,
    unitOfWork as unknown as UnitOfWork,
    logger,
    deadLetters,
    outbox as unknown as OutboxWriter,
    new SystemClock(),
    { groupId: GROUP, maxAttempts, baseDelayMs: 1, maxDelayMs: 2, consumes },
    () => consumers,
  );
  const moduleRef = await Test.createTestingModule({ controllers: consumers }).compile();
  const microservice = moduleRef.createNestMicroservice({ strategy: transport, logger: false });
  const started = microservice.listen();
  return { bus, unitOfWork, deadLetters, outbox, logger, transport, started };
}

const connectionRefused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe(EventTransport.name, () => {
  describe('delivery', () => {
    it('should subscribe the group named after the service (no suffix) to the topics of its handlers when started', async () => {
      const { bus, started } = await arrange();

      await started;

      expect(bus.subscribe).toHaveBeenCalledWith(
        { groupId: GROUP, topics: expect.arrayContaining([Topics.order, Topics.identityUser]), fromBeginning: true },
        expect.any(Function),
      );
    });

    it('should run the handler inside the inbox transaction and resolve only after that transaction commits', async () => {
      const { unitOfWork, transport, started } = await arrange();
      await started;
      let releaseCommit!: () => void;
      unitOfWork.commit = () => new Promise<void>((r) => (releaseCommit = r));
      impl = async () => void unitOfWork.log.push('handler');

      let resolved = false;
      const handled = transport.handle(message(orderPlaced())).then(() => (resolved = true));
      await new Promise((r) => setTimeout(r, 20));

      // The bus commits the offset when handle() resolves: it must still be pending while the commit is.
      expect(resolved).toBe(false);
      releaseCommit();
      await handled;
      expect(unitOfWork.log).toEqual(['begin', 'inbox', 'handler', 'commit']);
      expect(calls).toHaveLength(1);
      expect(calls[0].event).toMatchObject({ type: OrderPlacedV1.type, subject: orderId, data: order });
    });

    it('should keep the message in hand and run it again when the commit fails with an infrastructure error', async () => {
      const { unitOfWork, transport, deadLetters, started } = await arrange();
      await started;
      let failCommits = 2;
      unitOfWork.commit = async () => {
        if (failCommits-- > 0) throw Object.assign(new Error('Connection terminated unexpectedly'), {});
      };

      await transport.handle(message(orderPlaced()));

      expect(calls).toHaveLength(3);
      expect(unitOfWork.inbox.size).toBe(1);
      expect(deadLetters.recorded).toEqual([]);
    });

    it('should run the handler once when the same message is delivered twice', async () => {
      const { bus, transport, started } = await arrange();
      await started;

      await transport.handle(message(orderPlaced()));
      await transport.handle(message(orderPlaced(), { offset: '18' }));

      expect(calls).toHaveLength(1);
      expect(bus.published).toEqual([]);
    });
  });

  describe('failure classification', () => {
    it('should retry an infrastructure error past maxAttempts, report degraded once, and never dead-letter', async () => {
      const { bus, transport, deadLetters, logger, started } = await arrange([OrderConsumer], 2);
      await started;
      const heartbeat = jest.fn(async () => undefined);
      let failures = 6;
      const seen: (string | null)[] = [];
      impl = async () => {
        seen.push(transport.degradedReason());
        // Reasons alternate as they do when Postgres is cut (reset, terminated): still one log line for the outage.
        if (failures-- > 0) throw failures % 2 ? connectionRefused() : new Error('Connection terminated unexpectedly');
      };

      await transport.handle(message(orderPlaced(), { heartbeat }));

      expect(calls).toHaveLength(7);
      expect(deadLetters.recorded).toEqual([]);
      expect(bus.published).toEqual([]);
      expect(seen[1]).toBe(`${Topics.order}/3: connect ECONNREFUSED 127.0.0.1:5432`);
      expect(seen[2]).toBe(`${Topics.order}/3: Connection terminated unexpectedly`);
      expect(transport.degradedReason()).toBeNull();
      expect(logger.warn.mock.calls.filter(([e]) => /degraded/.test(JSON.stringify(e)))).toHaveLength(1);
      expect(logger.log.mock.calls.filter(([e]) => /recovered/.test(JSON.stringify(e)))).toHaveLength(1);
      expect(heartbeat).toHaveBeenCalled();
    });

    it('should dead-letter at once, record it and raise the dead-letter event when the handler throws a PermanentEventError', async () => {
      const { bus, transport, deadLetters, outbox, started } = await arrange([OrderConsumer], 5);
      await started;
      impl = async () => {
        throw new PermanentEventError('order refers to a retired product');
      };

      await transport.handle(message(orderPlaced()));

      expect(calls).toHaveLength(1);
      expect(deadLetters.recorded).toEqual([
        expect.objectContaining({
          consumer: GROUP,
          eventType: OrderPlacedV1.type,
          eventVersion: 1,
          reason: 'order refers to a retired product',
        }),
      ]);
      expect(outbox.append).toHaveBeenCalledWith(
        expect.anything(),
        DeadLetterRecordedV1,
        expect.objectContaining({ service: GROUP, eventType: OrderPlacedV1.type, sourceTopic: Topics.order, offset: '17' }),
        expect.objectContaining({ subject: '0b9c2f4e-3d1a-4e5b-8c7d-6f5e4d3c2b1a' }),
      );
      expect(bus.published).toEqual([expect.objectContaining({ topic: DLQ, key: orderId })]);
      expect(bus.published[0].headers).toMatchObject({ 'dlq-reason': 'order refers to a retired product', 'dlq-consumer-group': GROUP });
    });

    it('should finish the message once the dead letter is recorded, even when the broker refuses its topic copy for good', async () => {
      const { bus, transport, deadLetters, unitOfWork, logger, started } = await arrange([OrderConsumer], 5);
      await started;
      impl = async () => {
        throw new PermanentEventError('order refers to a retired product');
      };
      const publish = jest.spyOn(bus, 'publish').mockRejectedValue(new MessageRejectedError('MESSAGE_TOO_LARGE: too large'));

      await transport.handle(message(orderPlaced()));

      expect(deadLetters.recorded).toHaveLength(1);
      expect(publish).toHaveBeenCalledTimes(1);
      expect(unitOfWork.runs).toBe(2); // the handler's attempt, then the dead letter: no retry loop
      expect(logger.error).toHaveBeenCalledWith(
        expect.objectContaining({ msg: 'dead letter recorded but not copied to its topic' }),
        'EventTransport',
      );
    });

    it('should retry an unclassified error maxAttempts times and then dead-letter it', async () => {
      const { transport, deadLetters, unitOfWork, started } = await arrange([OrderConsumer], 3);
      await started;
      impl = async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'lotId')");
      };

      await transport.handle(message(orderPlaced()));

      expect(calls).toHaveLength(3);
      expect(deadLetters.recorded).toEqual([expect.objectContaining({ attempts: 3, reason: expect.stringMatching(/lotId/) })]);
      expect(unitOfWork.inbox.size).toBe(0);
    });

    it('should dead-letter at once with the contract issues when the event data breaks the contract', async () => {
      const { transport, deadLetters, unitOfWork, started } = await arrange();
      await started;

      await transport.handle(message(orderPlaced((e) => ((e.data as Record<string, unknown>).coi = 'patient-name'))));

      expect(calls).toHaveLength(0);
      expect(deadLetters.recorded).toEqual([
        expect.objectContaining({
          reason: 'Invalid batch-record.order.placed v1',
          detail: expect.stringContaining('"path":"coi"'),
          attempts: 1,
        }),
      ]);
      expect(unitOfWork.inbox.size).toBe(0);
    });

    it('should dead-letter with the reason when the value is not JSON or has no key', async () => {
      const { bus, transport, deadLetters, started } = await arrange();
      await started;

      await transport.handle(message('{not json', { key: null }));

      expect(deadLetters.recorded).toEqual([expect.objectContaining({ reason: expect.stringMatching(/not JSON/), eventType: null })]);
      expect(bus.published).toEqual([expect.objectContaining({ topic: DLQ, key: 'no-key', value: '{not json' })]);
    });

    it('should dead-letter an unknown version of a type it consumes, naming the versions it handles', async () => {
      const { transport, deadLetters, started } = await arrange();
      await started;

      await transport.handle(message(orderPlaced((e) => (e.version = 2))));

      expect(calls).toHaveLength(0);
      expect(deadLetters.recorded).toEqual([
        expect.objectContaining({ reason: `No handler for ${OrderPlacedV1.type} v2 in ${GROUP} (handles v1)`, eventVersion: 2 }),
      ]);
    });

    it('should dead-letter a type unknown to the contracts registry', async () => {
      const { transport, deadLetters, started } = await arrange();
      await started;

      await transport.handle(message(orderPlaced((e) => (e.type = 'batch-record.order.teleported'))));

      expect(deadLetters.recorded).toEqual([expect.objectContaining({ reason: 'Unknown event type batch-record.order.teleported (v1)' })]);
    });

    it('should skip a known type it consumes in no version, without a transaction or a dead letter', async () => {
      const { bus, transport, deadLetters, unitOfWork, started } = await arrange();
      await started;
      // Contract-breaking data too: a type that is not for this service is not validated by it.
      const batchStarted = orderPlaced((e) => Object.assign(e, { type: BatchStartedV1.type, data: {} }));

      await transport.handle(message(batchStarted, { topic: Topics.batch }));

      expect(unitOfWork.runs).toBe(0);
      expect(deadLetters.recorded).toEqual([]);
      expect(bus.published).toEqual([]);
    });

    it('should keep retrying, not skip, when the dead letter cannot be recorded because the database is down', async () => {
      const { transport, deadLetters, started } = await arrange();
      await started;
      let down = 3;
      const record = deadLetters.record.bind(deadLetters);
      deadLetters.record = async (tx, d) => {
        if (down-- > 0) throw connectionRefused();
        return record(tx, d);
      };

      await transport.handle(message('{not json'));

      expect(deadLetters.recorded).toHaveLength(1);
    });
  });

  describe('boot', () => {
    it('should stop the boot naming the event when a consumer class declares an event without a handler', async () => {
      @EventConsumer(OrderPlacedV1, StepCompletedV1)
      class HalfConsumer {
        @OnEvent(OrderPlacedV1)
        async placed() {}
      }

      const { started } = await arrange([HalfConsumer]);

      await expect(started).rejects.toThrow(`HalfConsumer declares ${StepCompletedV1.type}@v1 but has no @OnEvent handler for it`);
    });

    it('should stop the boot naming both classes when two handlers take one event', async () => {
      @EventConsumer(OrderPlacedV1)
      class First {
        @OnEvent(OrderPlacedV1)
        async placed() {}
      }
      @EventConsumer(OrderPlacedV1)
      class Second {
        @OnEvent(OrderPlacedV1)
        async placed() {}
      }

      const { started, bus } = await arrange([First, Second]);

      await expect(started).rejects.toThrow(`event ${OrderPlacedV1.type}@v1 has two handlers: First and Second`);
      expect(bus.subscribe).not.toHaveBeenCalled();
    });

    it('should stop the boot when a handler takes an event its class does not declare', async () => {
      @EventConsumer()
      class Undeclared {
        @OnEvent(OrderPlacedV1)
        async placed() {}
      }

      const { started } = await arrange([Undeclared]);

      await expect(started).rejects.toThrow(`Undeclared handles ${OrderPlacedV1.type}@v1 without declaring it`);
    });

    it("should stop the boot when a listed consumed event has no handler (its consumer class is not in the app's modules)", async () => {
      const { started, bus } = await arrange([], 3, [OrderPlacedV1]);

      await expect(started).rejects.toThrow(`${OrderPlacedV1.type}@v1 is listed in consumes.ts but no registered consumer handles it`);
      expect(bus.subscribe).not.toHaveBeenCalled();
    });

    it('should stop the boot when a handled event is not listed as consumed', async () => {
      const { started } = await arrange([OrderConsumer], 3, [OrderPlacedV1]);

      await expect(started).rejects.toThrow(`${UserLockedV1.type}@v1 has a handler but is not listed in consumes.ts`);
    });

    it('should boot when the listed consumed events are exactly the handled ones', async () => {
      const { started } = await arrange([OrderConsumer], 3, [OrderPlacedV1, UserLockedV1]);

      await expect(started).resolves.toBeUndefined();
    });

    it('should stop the boot when a handler takes an event definition never declared with defineEvent', async () => {
      const Rogue = { ...OrderPlacedV1, type: 'batch-record.order.rogue' };
      @EventConsumer(Rogue)
      class RogueConsumer {
        @OnEvent(Rogue)
        async rogue() {}
      }

      const { started } = await arrange([RogueConsumer]);

      await expect(started).rejects.toThrow("RogueConsumer handles 'batch-record.order.rogue@v1', which is not declared with defineEvent");
    });
  });
});
