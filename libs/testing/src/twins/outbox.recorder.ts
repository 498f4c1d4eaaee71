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
  /** Last sequence per subject, as platform_aggregate_sequence holds it: a rollback gives its numbers back. */
  private readonly lastSequence = new Map<string, number>();

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
    const created = createEvent(definition, data, {
      producer: this.source,
      subject: context.subject,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: this.time.now(),
    });
    const previous = this.lastSequence.get(context.subject) ?? 0;
    this.lastSequence.set(context.subject, previous + 1);
    const envelope = { ...created, sequence: previous + 1 };
    const event: RecordedEvent = {
      type: envelope.type,
      topic: definition.topic,
      subject: context.subject,
      data: envelope.data as Record<string, unknown>,
      envelope,
    };
    this.recorded.push(event);
    this.uow.onRollback(tx, () => {
      without(this.recorded, event);
      this.lastSequence.set(context.subject, previous);
    });
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
