import { Admin, ConfigResourceTypes, ConfigSource, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { isDeadLetterTopic } from '@mes/contracts';
import { LoggerService } from '@nestjs/common';
import { IncomingMessage, MessageBus, MessageRejectedError, OutgoingMessage, SubscribeOptions } from './message-bus.port';

// Broker error types that reject a record or its topic for good (kafkajs marks them not retriable).
const PERMANENT_REJECTIONS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_TOPIC_EXCEPTION', 'INVALID_RECORD']);

/** The broker's error type behind a kafkajs error, following its `cause` chain (retries wrap the original). */
export function kafkaErrorType(error: unknown): string | undefined {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.type === 'string') return e.type;
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/** The kafkajs adapter of the MessageBus port. */
export class KafkajsMessageBus extends MessageBus {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private admin?: Admin;
  private readonly consumers: Consumer[] = [];
  private readonly joined = new Map<Consumer, boolean>();

  constructor(
    private readonly clientId: string,
    brokers: string[],
    private readonly logger: LoggerService,
    /** How long event topics keep messages; the inbox keeps ids longer (checked at boot). Absent: the broker's default. */
    private readonly retentionDays?: number,
  ) {
    super();
    this.kafka = new Kafka({
      clientId,
      brokers,
      connectionTimeout: 3_000,
      retry: { retries: 8, initialRetryTime: 200 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...extra } = log;
          const entry = { msg: `kafkajs: ${message}`, ...extra };
          if (level <= logLevel.ERROR) this.logger.error(entry, 'Kafka');
          else this.logger.warn(entry, 'Kafka');
        },
    });
  }

  async connect(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.producer = this.kafka.producer({
      // Java-compatible murmur2: per-key ordering survives a client switch.
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
  }

  /** Dead letters wait for an operator however long that takes (the service's table is their record; this is the copy). */
  private topicConfig(topic: string): { name: string; value: string }[] {
    if (isDeadLetterTopic(topic)) return [{ name: 'retention.ms', value: '-1' }];
    return this.retentionDays ? [{ name: 'retention.ms', value: String(Math.round(this.retentionDays * DAY_MS)) }] : [];
  }

  async ensureTopics(topics: string[], partitions: number): Promise<void> {
    const admin = this.requireAdmin();
    // Services start together and race to create the same topics: retry until every topic has a leader.
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: partitions,
              replicationFactor: -1,
              configEntries: this.topicConfig(topic),
            })),
          });
        }
        // Also for topics created before the setting existed.
        await this.applyTopicConfig(admin, topics);
        const metadata = await admin.fetchTopicMetadata({ topics });
        const leaderless = metadata.topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
        if (leaderless.length === 0) return;
        throw new Error(`topics without a leader yet: ${leaderless.map((t) => t.name).join(', ')}`);
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  /**
   * Sets our entries on existing topics without touching the others: AlterConfigs replaces ALL dynamic configs of a
   * topic, so the topic's own entries (e.g. an operator's min.insync.replicas) are written back with ours.
   */
  private async applyTopicConfig(admin: Admin, topics: string[]): Promise<void> {
    const wanted = topics.filter((t) => this.topicConfig(t).length > 0);
    if (wanted.length === 0) return;
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: wanted.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    });
    const resources = [];
    for (const name of wanted) {
      const found = described.resources.find((r) => r.resourceName === name);
      if (!found || found.errorCode !== 0) throw new Error(`cannot read the configuration of topic ${name}`);
      const current = new Map(
        found.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG).map((e) => [e.configName, e.configValue]),
      );
      const ours = this.topicConfig(name);
      if (ours.every((e) => current.get(e.name) === e.value)) continue;
      // A sensitive entry is described without its value: writing it back would wipe it.
      if ([...current.values()].some((v) => v === null || v === undefined))
        throw new Error(`topic ${name} has a sensitive config; set ${ours.map((e) => e.name).join(', ')} by hand`);
      for (const e of ours) current.set(e.name, e.value);
      resources.push({ type: ConfigResourceTypes.TOPIC, name, configEntries: [...current].map(([n, value]) => ({ name: n, value })) });
    }
    if (resources.length > 0) await admin.alterConfigs({ validateOnly: false, resources });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = this.producer;
    if (!producer) throw new Error('Message bus is not connected');
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      const type = kafkaErrorType(error);
      if (type && PERMANENT_REJECTIONS.has(type)) throw new MessageRejectedError(`${type}: ${String((error as Error).message)}`);
      throw error;
    }
  }

  async subscribe(options: SubscribeOptions, handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 10_000, // a killed member's partitions move within 10 s
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    this.consumers.push(consumer);
    this.joined.set(consumer, false);
    consumer.on(consumer.events.GROUP_JOIN, () => this.joined.set(consumer, true));
    consumer.on(consumer.events.REBALANCING, () => this.joined.set(consumer, false));
    consumer.on(consumer.events.CRASH, () => this.joined.set(consumer, false));
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) {
          if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
        }
        await handler({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers,
          heartbeat,
        });
      },
    });
  }

  async ping(): Promise<void> {
    await this.requireAdmin().describeCluster();
  }

  consumersJoined(): boolean {
    return [...this.joined.values()].every(Boolean);
  }

  async disconnect(): Promise<void> {
    // Consumers first: disconnect waits for the message in hand and commits its offset.
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    await Promise.allSettled([this.producer?.disconnect(), this.admin?.disconnect()]);
  }

  private requireAdmin(): Admin {
    if (!this.admin) throw new Error('Message bus is not connected');
    return this.admin;
  }
}
