import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** What the owner of an aggregate has published about it: the last sequence, and how far it has applied others' events on it. */
export interface EventHead {
  subject: string;
  producer: string;
  /** The last sequence this service assigned to the subject (0: none yet). */
  sequence: number;
  /** Per other producer, the highest sequence of theirs on this subject this service has applied. */
  applied: Record<string, number>;
  /** Dead letters of this service keyed by the subject still pending: events about it it has not applied (nor resolved). */
  pendingDeadLetters: number;
}

export interface AppliedEvent {
  sequence: number;
  eventType: string;
}

/** Reads the sequence tables: the heads this service produced and the sequences it applied (recorded with the inbox). */
@Injectable()
export class EventSequences {
  constructor(private readonly dataSource: DataSource) {}

  async head(producer: string, subject: string): Promise<EventHead> {
    const [own]: { last_sequence: string }[] = await this.dataSource.query(
      `SELECT last_sequence FROM platform_aggregate_sequence WHERE subject = $1`,
      [subject],
    );
    const applied: { producer: string; sequence: string }[] = await this.dataSource.query(
      `SELECT producer, max(sequence) AS sequence FROM platform_applied_sequence WHERE subject = $1 GROUP BY producer ORDER BY producer`,
      [subject],
    );
    return {
      subject,
      producer,
      sequence: Number(own?.last_sequence ?? 0),
      applied: Object.fromEntries(applied.map((a) => [a.producer, Number(a.sequence)])),
      pendingDeadLetters: await this.pendingDeadLetters(this.dataSource.manager, subject),
    };
  }

  /** How many of this service's dead letters about `subject` (the message key is the aggregate id) are still pending. */
  async pendingDeadLetters(tx: EntityManager, subject: string): Promise<number> {
    const [row]: { pending: string }[] = await tx.query(
      `SELECT count(*) AS pending FROM platform_dead_letter WHERE message_key = $1 AND state = 'pending'`,
      [subject],
    );
    return Number(row?.pending ?? 0);
  }

  /** The events of `producer` about `subject` this service has applied, in sequence order. */
  async applied(tx: EntityManager, producer: string, subject: string): Promise<AppliedEvent[]> {
    const rows: { sequence: string; event_type: string }[] = await tx.query(
      `SELECT sequence, event_type FROM platform_applied_sequence WHERE producer = $1 AND subject = $2 ORDER BY sequence`,
      [producer, subject],
    );
    return rows.map((r) => ({ sequence: Number(r.sequence), eventType: r.event_type }));
  }
}

/** The sequence ranges missing from `applied` (ascending, distinct) up to `upTo`, e.g. [1, 2, 5] up to 7 → [[3, 4], [6, 7]]. */
export function missingRanges(applied: readonly number[], upTo: number): [number, number][] {
  const ranges: [number, number][] = [];
  let next = 1;
  for (const n of applied) {
    if (n > upTo) break;
    if (n > next) ranges.push([next, n - 1]);
    next = Math.max(next, n + 1);
  }
  if (next <= upTo) ranges.push([next, upTo]);
  return ranges;
}
