export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  /** Keeps the consumer's group membership alive while a handler waits (e.g. between retries). */
  heartbeat?: () => Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning: boolean;
}

/** The broker refused the messages for good (too large, invalid topic or record): sending the same bytes again cannot succeed. */
export class MessageRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageRejectedError';
  }
}

/**
 * Every Kafka call in the system goes through this port, so the unmaintained kafkajs client can be
 * swapped without touching services. Implementations must partition by key with Java-compatible murmur2.
 */
export abstract class MessageBus {
  abstract connect(): Promise<void>;
  abstract ensureTopics(topics: string[], partitions: number): Promise<void>;
  /**
   * Resolves once every message is acknowledged by all in-sync replicas. Rejects with MessageRejectedError when the
   * broker refuses a message for good; any other rejection is transient (e.g. broker unreachable).
   */
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
  /** Messages of one partition are handed over one at a time; the offset is committed after the handler resolves. */
  abstract subscribe(options: SubscribeOptions, handler: (message: IncomingMessage) => Promise<void>): Promise<void>;
  abstract ping(): Promise<void>;
  /** True when every subscription has joined its consumer group (and is not rebalancing). */
  abstract consumersJoined(): boolean;
  abstract disconnect(): Promise<void>;
}
