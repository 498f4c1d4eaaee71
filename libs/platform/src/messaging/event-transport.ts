import { LoggerService } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EntityManager } from 'typeorm';
import {
  ContractViolationError,
  DeadLetterRecordedV1,
  EventDefinition,
  EventEnvelope,
  deadLetterTopic,
  envelopeSchema,
  eventDefinitions,
  parseEvent,
} from '@mes/contracts';
import { Clock } from '../clock/clock';
import { UnitOfWork } from '../database/data-source';
import { claimInboxEntry } from '../database/inbox';
import { OutboxWriter } from '../database/outbox';
import { DeadLetterRepository } from './dead-letters';
import { classifyFailure } from './failure-classification';
import { IncomingMessage, MessageBus } from './message-bus.port';
import { CONSUMES, EventContext, eventKey } from './on-event';

export interface EventTransportOptions {
  /** The consumer group: the service's name, used as is. */
  groupId: string;
  /** Attempts for an unclassified failure before it is dead-lettered (infrastructure failures are retried without limit). */
  maxAttempts: number;
  baseDelayMs?: number;
  /** Cap of the back-off between attempts. */
  maxDelayMs?: number;
  /**
   * Every event the service consumes (its consumes.ts): each needs a registered handler and each handler must be listed,
   * or the boot stops (a consumer class left out of its module would otherwise skip its events silently).
   */
  consumes?: readonly EventDefinition[];
}

interface Route {
  handler: MessageHandler;
  definition: EventDefinition;
  owner: string;
}

/** What a message means to this service, decided before any handler runs. */
type Resolution =
  | { kind: 'handle'; route: Route; envelope: EventEnvelope }
  | { kind: 'skip' }
  | { kind: 'dead-letter'; error: Error; envelope?: EventEnvelope };

/** A class found at boot (its @EventConsumer metadata is read from it). */
export type ConsumerClass = { readonly name: string };

interface HandlerExtras {
  definitions?: EventDefinition[];
  owner?: string;
}

/**
 * The Nest microservice transport of this service's consumer group over the MessageBus port. Each message is
 * validated against its contract, its id is recorded in the inbox in the handler's transaction (so redelivery
 * changes nothing) and its offset is committed only after that transaction commits. Infrastructure failures are
 * retried for as long as they last with the message in hand (its partition waits, heartbeats continue);
 * contract violations, permanent errors and exhausted unclassified ones are dead-lettered: recorded in
 * platform_dead_letter with a staff alert, and copied to mes.dlq.<service>.v1.
 */
export class EventTransport extends Server implements CustomTransportStrategy {
  private readonly routes = new Map<string, Route>();
  private readonly wiringErrors: string[] = [];
  private readonly degraded = new Map<string, string>();
  private stopping = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly unitOfWork: UnitOfWork,
    private readonly log: LoggerService,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly options: EventTransportOptions,
    /** The consumer classes of the app (found at boot), to check each declared event has its handler. */
    private readonly consumerClasses: () => ConsumerClass[] = () => [],
  ) {
    super();
  }

  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: HandlerExtras = {}): void {
    const key = this.normalizePattern(pattern as string);
    const owner = extras.owner ?? 'unknown class';
    const definition = extras.definitions?.find((d) => eventKey(d) === key);
    if (!isEventHandler || !definition) {
      this.wiringErrors.push(`${owner} handles '${key}' without @OnEvent: only @OnEvent(EventDefinition) handlers are supported`);
      return;
    }
    if (!eventDefinitions().includes(definition)) {
      this.wiringErrors.push(`${owner} handles '${key}', which is not declared with defineEvent (its data would pass unvalidated)`);
      return;
    }
    const existing = this.routes.get(key);
    if (existing) {
      this.wiringErrors.push(`event ${key} has two handlers: ${existing.owner} and ${owner}`);
      return;
    }
    this.routes.set(key, { handler: callback, definition, owner });
  }

  /** Checks the wiring (stops the boot when it is wrong), then joins the consumer group in the background. */
  listen(callback: (error?: unknown) => void): void {
    const errors = [...this.wiringErrors, ...this.declarationErrors()];
    if (errors.length > 0) {
      callback(new Error(`Consumers of ${this.options.groupId} are miswired:\n  - ${errors.join('\n  - ')}`));
      return;
    }
    const topics = this.topics();
    if (topics.length > 0) {
      // Joining can wait out a crashed predecessor's session: serve HTTP meanwhile, and die if it fails.
      this.bus
        .subscribe({ groupId: this.options.groupId, topics, fromBeginning: true }, (m) => this.handle(m))
        .then(
          () => this.log.log({ msg: 'consumer group started', groupId: this.options.groupId, topics }, 'EventTransport'),
          (error: unknown) => {
            this.log.error({ msg: 'consumer group failed to start; exiting', error: String(error) }, 'EventTransport');
            process.exit(1);
          },
        );
    }
    callback();
  }

  /** Lets the message in hand give up its retries so the bus can stop; its offset stays uncommitted. */
  close(): void {
    this.stopping = true;
  }

  on(): never {
    throw new Error('EventTransport has no events to listen to');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  topics(): string[] {
    return [...new Set([...this.routes.values()].map((r) => r.definition.topic))];
  }

  /** Why the consumer cannot make progress (an unavailable dependency), or null when it can. */
  degradedReason(): string | null {
    return this.degraded.size === 0 ? null : [...this.degraded.entries()].map(([where, why]) => `${where}: ${why}`).join('; ');
  }

  /** Handles one message; resolves once it is applied or dead-lettered, so the bus may then commit its offset. */
  async handle(message: IncomingMessage): Promise<void> {
    let unclassifiedFailures = 0;
    for (let failures = 0; ; failures++) {
      if (failures > 0) await this.backoff(failures, message.heartbeat);
      let resolution: Resolution | undefined;
      try {
        resolution = this.resolve(message);
        if (resolution.kind === 'skip') return;
        if (resolution.kind === 'handle') {
          const { route, envelope } = resolution;
          await this.unitOfWork.run((tx) => this.apply(tx, message, route, envelope));
        } else {
          await this.deadLetter(message, resolution.error, failures + 1, resolution.envelope);
        }
        this.recovered(message);
        return;
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure === 'infrastructure' || resolution?.kind !== 'handle') {
          // The dependency is down (or the dead letter could not be recorded): keep the message in hand and wait.
          this.degrade(message, error);
          continue;
        }
        if (failure === 'unclassified' && ++unclassifiedFailures < this.options.maxAttempts) {
          this.log.warn(
            { msg: 'event handler failed; retrying', type: resolution.envelope.type, attempt: unclassifiedFailures, error: String(error) },
            'EventTransport',
          );
          continue;
        }
        try {
          await this.deadLetter(message, error, failures + 1, resolution.envelope);
          this.recovered(message);
          return;
        } catch (recordError) {
          this.degrade(message, recordError);
        }
      }
    }
  }

  /**
   * Applies a message in the caller's transaction: the inbox guard, then the handler. Throws what the consumer
   * would dead-letter. Used by the consumer loop and by a replay, so both apply a message the same way, once.
   */
  async applyInTransaction(tx: EntityManager, message: IncomingMessage): Promise<'applied' | 'already-applied'> {
    const resolution = this.resolve(message);
    if (resolution.kind === 'skip') throw new Error(`${this.options.groupId} does not consume this event type`);
    if (resolution.kind === 'dead-letter') throw resolution.error;
    return this.apply(tx, message, resolution.route, resolution.envelope);
  }

  /**
   * - not an event envelope, unparsable, or a type unknown to the contracts: dead-letter;
   * - a type this service handles in no version: not for this service, skip;
   * - a version of a handled type that this service has no handler for: dead-letter;
   * - data that breaks the version's schema: dead-letter.
   */
  private resolve(message: IncomingMessage): Resolution {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value ?? 'null');
    } catch (error) {
      return { kind: 'dead-letter', error: new ContractViolationError(`Message is not JSON: ${(error as Error).message}`) };
    }
    const head = envelopeSchema.safeParse(raw);
    if (!head.success) return { kind: 'dead-letter', error: this.parseError(raw) };
    const { type, version } = head.data;
    const handledVersions = [...this.routes.values()].filter((r) => r.definition.type === type).map((r) => r.definition.version);
    if (handledVersions.length === 0) {
      if (eventDefinitions().some((d) => d.type === type)) return { kind: 'skip' };
      return { kind: 'dead-letter', error: new ContractViolationError(`Unknown event type ${type} (v${version})`), envelope: head.data };
    }
    const route = this.routes.get(eventKey({ type, version }));
    if (!route) {
      const reason = `No handler for ${type} v${version} in ${this.options.groupId} (handles v${handledVersions.join(', v')})`;
      return { kind: 'dead-letter', error: new ContractViolationError(reason), envelope: head.data };
    }
    try {
      return { kind: 'handle', route, envelope: parseEvent(raw).envelope };
    } catch (error) {
      return { kind: 'dead-letter', error: error as Error, envelope: head.data };
    }
  }

  private parseError(raw: unknown): Error {
    try {
      parseEvent(raw);
      return new ContractViolationError('Invalid event envelope');
    } catch (error) {
      return error as Error;
    }
  }

  private async apply(
    tx: EntityManager,
    message: IncomingMessage,
    route: Route,
    envelope: EventEnvelope,
  ): Promise<'applied' | 'already-applied'> {
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
    if (!fresh) return 'already-applied';
    const result: unknown = await route.handler(envelope, new EventContext([tx, message]));
    // Nest hands back an observable (our filter rethrows the handler's own error through it).
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    return 'applied';
  }

  private async deadLetter(message: IncomingMessage, error: unknown, attempts: number, envelope?: EventEnvelope): Promise<void> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const detail = (
      error instanceof ContractViolationError ? JSON.stringify(error.issues) : error instanceof Error ? (error.stack ?? '') : ''
    ).slice(0, 4000);
    const recordedAt = this.clock.now();
    const id = await this.unitOfWork.run(async (tx) => {
      const id = await this.deadLetters.record(tx, {
        consumer: this.options.groupId,
        message,
        eventType: envelope?.type ?? null,
        eventVersion: envelope?.version ?? null,
        reason,
        detail,
        attempts,
        recordedAt,
      });
      // A dead letter of the alert itself is only recorded: alerting on it again could loop.
      if (id && envelope?.type !== DeadLetterRecordedV1.type) {
        await this.outbox.append(
          tx,
          DeadLetterRecordedV1,
          {
            deadLetterId: id,
            service: this.options.groupId,
            sourceTopic: message.topic,
            partition: message.partition,
            offset: message.offset,
            eventType: envelope?.type ?? null,
            eventVersion: envelope?.version ?? null,
            reason,
            attempts,
            recordedAt: recordedAt.toISOString(),
          },
          { subject: id, correlationId: envelope?.correlationId, causationId: envelope?.eventId ?? null },
        );
      }
      return id;
    });
    await this.copyToDeadLetterTopic(message, reason, detail, attempts, id);
    this.log.error(
      {
        msg: 'event dead-lettered',
        deadLetterId: id,
        topic: message.topic,
        offset: message.offset,
        type: envelope?.type,
        reason,
        attempts,
      },
      'EventTransport',
    );
  }

  /** The DLQ topic is a copy for tooling: once the row has committed, a refused copy is logged, never retried (it would wedge the partition). */
  private async copyToDeadLetterTopic(
    message: IncomingMessage,
    reason: string,
    detail: string,
    attempts: number,
    id: string | null,
  ): Promise<void> {
    try {
      await this.bus.publish([
        {
          topic: deadLetterTopic(this.options.groupId),
          key: message.key ?? 'no-key',
          value: message.value ?? '',
          headers: {
            ...message.headers,
            'dlq-reason': reason,
            'dlq-detail': detail,
            'dlq-attempts': String(attempts),
            'dlq-source-topic': message.topic,
            'dlq-source-partition': String(message.partition),
            'dlq-source-offset': message.offset,
            'dlq-consumer-group': this.options.groupId,
          },
        },
      ]);
    } catch (error) {
      this.log.error(
        {
          msg: 'dead letter recorded but not copied to its topic',
          deadLetterId: id,
          topic: message.topic,
          offset: message.offset,
          error: String(error),
        },
        'EventTransport',
      );
    }
  }

  /** Logs when the partition becomes degraded (not once per retry); readiness shows the latest reason. */
  private degrade(message: IncomingMessage, error: unknown): void {
    const where = `${message.topic}/${message.partition}`;
    const reason = error instanceof Error ? error.message : String(error);
    const known = this.degraded.has(where);
    this.degraded.set(where, reason);
    if (known) return;
    this.log.warn(
      { msg: 'consumer degraded: retrying until the failure clears', partition: where, offset: message.offset, reason },
      'EventTransport',
    );
  }

  private recovered(message: IncomingMessage): void {
    const where = `${message.topic}/${message.partition}`;
    if (this.degraded.delete(where)) this.log.log({ msg: 'consumer recovered', partition: where }, 'EventTransport');
  }

  /** Sleeps in short slices, heartbeating between them, so a long wait never costs the group membership. */
  private async backoff(failures: number, heartbeat?: () => Promise<void>): Promise<void> {
    const delay = Math.min((this.options.baseDelayMs ?? 200) * 2 ** (failures - 1), this.options.maxDelayMs ?? 30_000);
    for (let left = delay; left > 0; left -= 1_000) {
      if (this.stopping) throw new Error('consumer stopping: message left uncommitted for redelivery');
      await new Promise((r) => setTimeout(r, Math.min(left, 1_000)));
      await heartbeat?.().catch(() => undefined);
    }
  }

  /** Each consumer class handles exactly the events it declares. */
  private declarationErrors(): string[] {
    const errors: string[] = [];
    for (const cls of this.consumerClasses()) {
      const declared: EventDefinition[] = Reflect.getMetadata(CONSUMES, cls) ?? [];
      for (const d of declared) {
        const route = this.routes.get(eventKey(d));
        if (!route) errors.push(`${cls.name} declares ${eventKey(d)} but has no @OnEvent handler for it`);
        else if (route.owner !== cls.name) errors.push(`${cls.name} declares ${eventKey(d)} but ${route.owner} handles it`);
      }
    }
    for (const [key, route] of this.routes) {
      const owner = this.consumerClasses().find((c) => c.name === route.owner);
      const declared: EventDefinition[] = (owner && Reflect.getMetadata(CONSUMES, owner)) ?? [];
      if (!declared.some((d) => eventKey(d) === key))
        errors.push(`${route.owner} handles ${key} without declaring it in @EventConsumer(...)`);
    }
    const listed = this.options.consumes;
    if (listed) {
      for (const d of listed) {
        if (!this.routes.has(eventKey(d))) errors.push(`${eventKey(d)} is listed in consumes.ts but no registered consumer handles it`);
      }
      for (const key of this.routes.keys()) {
        if (!listed.some((d) => eventKey(d) === key)) errors.push(`${key} has a handler but is not listed in consumes.ts`);
      }
    }
    return errors;
  }
}
