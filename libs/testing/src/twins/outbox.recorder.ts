import { EntityManager } from 'typeorm';
import { EventData, EventDefinition, EventEnvelope, createEvent } from '@mes/contracts';
import { Clock, OutboxWriter, PublishContext } from '@mes/platform';
import { UnitOfWorkTwin, without } from './unit-of-work.twin';

export interface RecordedEvent {
  type: string;
  topic: string;
  subject: string;
  data: Record<string, unknown>;
  envelope: EventEnvelope<unknown>;
}

/** OutboxWriter that validates each event against its contract, as the real one does, and keeps what committed. */
export class OutboxRecorder extends OutboxWriter {
  readonly recorded: RecordedEvent[] = [];

  constructor(
    private readonly uow: UnitOfWorkTwin,
    private readonly time: Clock,
    private readonly source = 'test',
  ) {
    super(source, time);
  }

  override async append<D extends EventDefinition>(
    tx: EntityManager,
    definition: D,
    data: EventData<D>,
    context: PublishContext,
  ): Promise<EventEnvelope<EventData<D>>> {
    const envelope = createEvent(definition, data, {
      producer: this.source,
      subject: context.subject,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: this.time.now(),
    });
    const event: RecordedEvent = {
      type: envelope.type,
      topic: definition.topic,
      subject: context.subject,
      data: envelope.data as Record<string, unknown>,
      envelope,
    };
    this.recorded.push(event);
    this.uow.onRollback(tx, () => without(this.recorded, event));
    return envelope;
  }

  /** The data of every recorded event of one contract, in append order. */
  of<D extends EventDefinition>(definition: D): EventData<D>[] {
    return this.recorded.filter((e) => e.type === definition.type).map((e) => e.data as EventData<D>);
  }

  types(): string[] {
    return this.recorded.map((e) => e.type);
  }
}
