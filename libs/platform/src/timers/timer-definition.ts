import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

/** A timer kind and the schema of its payload, declared once; scheduling and firing are both checked against it. */
export interface TimerDefinition<K extends string = string, S extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly kind: K;
  readonly payload: S;
}

/** Declares a timer kind (no ':'), e.g. `defineTimer({ kind: 'lot-shelf-life', payload: z.object({}).strict() })`. */
export function defineTimer<K extends string, S extends z.ZodTypeAny>(definition: { kind: K; payload: S }): TimerDefinition<K, S> {
  if (!/^[a-z0-9-]+$/.test(definition.kind)) throw new Error(`Timer kind "${definition.kind}" must be lower-case words joined by '-'`);
  return Object.freeze({ kind: definition.kind, payload: definition.payload });
}

/** What a handler of `D` receives: the stored timer with its payload parsed by the definition's schema. */
export interface Timer<P = Record<string, unknown>> {
  id: string;
  kind: string;
  subjectId: string;
  dueAt: Date;
  state: 'pending' | 'fired' | 'cancelled';
  payload: P;
}

export type TimerOf<D extends TimerDefinition> = Timer<z.output<D['payload']>>;

/** Runs inside the transaction that marks the timer fired: its effects (usually an outbox event) and the firing commit together. */
export type TimerHandler<D extends TimerDefinition = TimerDefinition> = (tx: EntityManager, timer: TimerOf<D>) => Promise<void>;

type PayloadInput<D extends TimerDefinition> = z.input<D['payload']>;

/** What a caller gives to schedule a timer of `D`; `payload` may be left out when the schema accepts an empty object. */
export type ScheduleTimer<D extends TimerDefinition> = { subjectId: string; dueAt: Date } & (Record<string, never> extends PayloadInput<D>
  ? { payload?: PayloadInput<D> }
  : { payload: PayloadInput<D> });

export const ON_TIMER = 'mes:on-timer';

/** Marks a method of a provider as the one handler of this timer kind; found at boot, and a second one stops it. */
export const OnTimer = (definition: TimerDefinition): MethodDecorator => SetMetadata(ON_TIMER, definition);
