import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventEnvelope, envelopeSchema } from './envelope';
import { TopicName } from './topics';

export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  readonly topic: TopicName;
  readonly schema: TSchema;
}

export type EventData<D extends EventDefinition> = z.infer<D['schema']>;

const definitions = new Map<string, EventDefinition>();
const keyOf = (type: string, version: number) => `${type}@v${version}`;

/** Declares an event type and version; each (type, version) pair may be declared once. */
export function defineEvent<TSchema extends z.ZodType>(definition: EventDefinition<TSchema>): EventDefinition<TSchema> {
  const key = keyOf(definition.type, definition.version);
  if (definitions.has(key)) throw new Error(`Event ${key} is declared twice`);
  definitions.set(key, definition);
  return definition;
}

export function eventDefinitions(): EventDefinition[] {
  return [...definitions.values()];
}

export class ContractViolationError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ContractViolationError';
  }
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export interface EventMetadata {
  producer: string;
  subject: string;
  correlationId?: string;
  causationId?: string | null;
  occurredAt?: Date;
  eventId?: string;
}

/** Builds a validated envelope; throws ContractViolationError if the data does not match the declared schema. */
export function createEvent<D extends EventDefinition>(
  definition: D,
  data: EventData<D>,
  meta: EventMetadata,
): EventEnvelope<EventData<D>> {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    throw new ContractViolationError(`Invalid ${definition.type} v${definition.version}`, issuesOf(parsed.error));
  }
  const eventId = meta.eventId ?? randomUUID();
  return {
    eventId,
    type: definition.type,
    version: definition.version,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    producer: meta.producer,
    correlationId: meta.correlationId ?? eventId,
    causationId: meta.causationId ?? null,
    subject: meta.subject,
    data: parsed.data as EventData<D>,
  };
}

export type ParsedEvent = { known: true; definition: EventDefinition; envelope: EventEnvelope } | { known: false; envelope: EventEnvelope };

/** Validates an envelope from the wire and, for declared types, its data. Unknown types are returned as such. */
export function parseEvent(raw: unknown): ParsedEvent {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) throw new ContractViolationError('Invalid event envelope', issuesOf(env.error));
  const envelope = env.data as EventEnvelope;
  const definition = definitions.get(keyOf(envelope.type, envelope.version));
  if (!definition) return { known: false, envelope };
  const data = definition.schema.safeParse(envelope.data);
  if (!data.success) {
    throw new ContractViolationError(`Invalid ${envelope.type} v${envelope.version}`, issuesOf(data.error));
  }
  return { known: true, definition, envelope: { ...envelope, data: data.data } };
}

/** Narrows a parsed envelope to one event definition. */
export function isEvent<D extends EventDefinition>(envelope: EventEnvelope, definition: D): envelope is EventEnvelope<EventData<D>> {
  return envelope.type === definition.type && envelope.version === definition.version;
}
