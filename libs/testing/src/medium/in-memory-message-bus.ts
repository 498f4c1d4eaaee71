import { IncomingMessage, MessageBus, OutgoingMessage, SubscribeOptions } from '@mes/platform';

/** MessageBus without Kafka: keeps what is published, and hands a spec's messages to the subscribed handlers. */
export class InMemoryMessageBus extends MessageBus {
  readonly published: OutgoingMessage[] = [];
  private readonly handlers: { options: SubscribeOptions; handler: (message: IncomingMessage) => Promise<void> }[] = [];
  private offset = 0;

  async connect(): Promise<void> {}
  async ensureTopics(): Promise<void> {}
  async ping(): Promise<void> {}
  async disconnect(): Promise<void> {}
  consumersJoined(): boolean {
    return true;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }

  async subscribe(options: SubscribeOptions, handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.handlers.push({ options, handler });
  }

  /** Delivers one message to every subscription of its topic, as Kafka would (one at a time per partition). */
  async deliver(message: Pick<OutgoingMessage, 'topic' | 'key' | 'value'> & { headers?: Record<string, string> }): Promise<void> {
    for (const { handler } of this.handlers.filter((h) => h.options.topics.includes(message.topic))) {
      await handler({ ...message, partition: 0, offset: String(this.offset++), headers: message.headers ?? {} });
    }
  }
}
