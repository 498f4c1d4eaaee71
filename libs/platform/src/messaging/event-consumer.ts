import { LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContractViolationError, EventData, EventDefinition, EventEnvelope, deadLetterTopic, parseEvent } from '@mes/contracts';
import { claimInboxEntry } from '../database/inbox';
import { UnitOfWork } from '../database/data-source';
import { IncomingMessage, MessageBus } from './message-bus.port';

export type EventHandler<D extends EventDefinition = EventDefinition> = (
  tx: EntityManager,
  event: EventEnvelope<EventData<D>>,
) => Promise<void>;

export interface EventConsumerOptions {
  groupId: string;
  maxAttempts: number;
  /** Backoff before attempt n+1 is baseDelayMs * 4^(n-1). */
  baseDelayMs?: number;
}

/**
 * Runs this service's consumer group: validates each event against its contract, records its id in the inbox
 * in the same transaction as the handler's effects (so redelivery changes nothing), retries with backoff and
 * finally dead-letters with the reason in headers, so one poison message never blocks its partition.
 */
export class EventConsumer {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly topicSet = new Set<string>();

  constructor(
    private readonly bus: MessageBus,
    private readonly unitOfWork: UnitOfWork,
    private readonly logger: LoggerService,
    private readonly options: EventConsumerOptions,
  ) {}

  on<D extends EventDefinition>(definition: D, handler: EventHandler<D>): void {
    const key = `${definition.type}@v${definition.version}`;
    if (this.handlers.has(key)) throw new Error(`Two handlers for ${key} in ${this.options.groupId}`);
    this.handlers.set(key, handler as EventHandler);
    this.topicSet.add(definition.topic);
  }

  topics(): string[] {
    return [...this.topicSet];
  }

  async start(): Promise<void> {
    const topics = this.topics();
    if (topics.length === 0) return;
    await this.bus.subscribe({ groupId: this.options.groupId, topics, fromBeginning: true }, (m) => this.handle(m));
    this.logger.log({ msg: 'consumer group started', groupId: this.options.groupId, topics }, 'EventConsumer');
  }

  /** Handles one message; exposed for tests. Never throws: failures end in the dead-letter topic. */
  async handle(message: IncomingMessage): Promise<void> {
    let envelope: EventEnvelope;
    let handler: EventHandler | undefined;
    try {
      const parsed = parseEvent(JSON.parse(message.value ?? 'null'));
      envelope = parsed.envelope;
      handler = this.handlers.get(`${envelope.type}@v${envelope.version}`);
    } catch (error) {
      // A message that breaks its contract will never succeed: dead-letter it at once.
      await this.deadLetter(message, error, 1);
      return;
    }
    if (!handler) return;

    const maxAttempts = this.options.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.unitOfWork.run(async (tx) => {
          const fresh = await claimInboxEntry(tx, {
            eventId: envelope.eventId,
            consumer: this.options.groupId,
            eventType: envelope.type,
            topic: message.topic,
            partition: message.partition,
            offset: message.offset,
            producer: envelope.producer,
            subject: envelope.subject,
            sequence: envelope.sequence,
          });
          if (fresh) await handler!(tx, envelope);
        });
        return;
      } catch (error) {
        const permanent = error instanceof ContractViolationError;
        if (attempt >= maxAttempts || permanent) {
          await this.deadLetter(message, error, attempt);
          return;
        }
        const delay = (this.options.baseDelayMs ?? 200) * 4 ** (attempt - 1);
        this.logger.warn(
          { msg: 'event handler failed; retrying', eventId: envelope.eventId, type: envelope.type, attempt, delay, error: String(error) },
          'EventConsumer',
        );
        await this.backoff(delay, message.heartbeat);
      }
    }
  }

  /** Sleeps in short slices, heartbeating between them, so a long backoff never costs the group membership. */
  private async backoff(delayMs: number, heartbeat?: () => Promise<void>): Promise<void> {
    for (let left = delayMs; left > 0; left -= 1_000) {
      await new Promise((r) => setTimeout(r, Math.min(left, 1_000)));
      await heartbeat?.().catch(() => undefined);
    }
  }

  private async deadLetter(message: IncomingMessage, error: unknown, attempts: number): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const detail = error instanceof ContractViolationError ? JSON.stringify(error.issues) : '';
    this.logger.error({ msg: 'event dead-lettered', topic: message.topic, offset: message.offset, reason, attempts }, 'EventConsumer');
    await this.bus.publish([
      {
        topic: deadLetterTopic(this.options.groupId),
        key: message.key ?? 'no-key',
        value: message.value ?? '',
        headers: {
          ...message.headers,
          'dlq-reason': reason.slice(0, 1000),
          'dlq-detail': detail.slice(0, 4000),
          'dlq-attempts': String(attempts),
          'dlq-source-topic': message.topic,
          'dlq-source-partition': String(message.partition),
          'dlq-source-offset': message.offset,
          'dlq-consumer-group': this.options.groupId,
        },
      },
    ]);
  }
}
