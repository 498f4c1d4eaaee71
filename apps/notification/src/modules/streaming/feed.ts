import { OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { AuthUser, Clock, FeedAddress, FeedAudience, NotFoundProblem, UnitOfWork } from '@mes/platform';
import { FeedStreamService } from './feed-stream.service';
import { SseHttpResponse, SseItem } from './sse-stream';

const seq = z.string().regex(/^\d{1,18}$/, 'must be a seq (a non-negative integer)');

/** The one paging shape of every feed: oldest first, a client pages on by passing the last seq it got as ?after=. */
export const feedPageQuerySchema = z.object({
  unacknowledged: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .optional()
    .transform((v) => v === 'true'),
  after: seq.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const feedStreamQuerySchema = z.object({ after: seq.optional() });
/** Sent by EventSource when it reconnects: the id of the last event it received. */
export const lastEventIdSchema = seq.optional();
/** A feed that follows one clinic (or all, for staff) takes ?clinicId=. */
export const clinicQuery = { clinicId: z.string().min(1).max(100).optional() };

export type FeedPageQuery = z.infer<typeof feedPageQuerySchema> & { clinicId?: string };
export type FeedStreamQuery = z.infer<typeof feedStreamQuerySchema> & { clinicId?: string };

export interface FeedPage {
  afterSeq: string;
  unacknowledgedOnly: boolean;
  limit: number;
}

/** The table behind a feed; every read is already narrowed to what the audience receives. */
export interface FeedStore<A extends FeedAudience, R> {
  list(audience: A, page: FeedPage, tx?: EntityManager): Promise<R[]>;
  /** The newest seq this audience could see; a stream that names no starting point goes live from here. */
  latestSeq(audience: A): Promise<string>;
  findVisible(tx: EntityManager, id: string, audience: A): Promise<R | null>;
  /** Marks it acknowledged unless it already is or the audience does not receive it. */
  acknowledge(tx: EntityManager, id: string, audience: A, by: { username: string; name: string }, at: Date): Promise<unknown>;
}

export interface FeedDefinition<A extends FeedAudience, R, V extends SseItem> {
  /** The SSE `event:` name of each frame, and the log context. */
  name: string;
  /** What a 404 names. */
  what: string;
  /** Postgres channel the store notifies (see notifyFeed) on commit. */
  channel: string;
  /** Who receives what: the platform's audience rule for this feed. */
  audienceOf(user: AuthUser, requestedClinic?: string): A;
  store: FeedStore<A, R>;
  toView(row: R): V;
}

/** Wakes the streams of a feed whose audience receives this address; delivered only if the transaction commits. */
export async function notifyFeed(tx: EntityManager, channel: string, address: FeedAddress): Promise<void> {
  await tx.query(`SELECT pg_notify($1, $2)`, [channel, JSON.stringify(address)]);
}

/** One feed (the clinic notifications, the staff alerts): list, acknowledge and stream, each for the caller's audience only. */
export class Feed<A extends FeedAudience, R, V extends SseItem> implements OnModuleInit {
  constructor(
    private readonly definition: FeedDefinition<A, R, V>,
    private readonly streams: FeedStreamService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.streams.follow(this.definition.channel);
  }

  async list(user: AuthUser, query: FeedPageQuery): Promise<V[]> {
    const audience = this.definition.audienceOf(user, query.clinicId);
    const page = { afterSeq: query.after ?? '0', unacknowledgedOnly: query.unacknowledged, limit: query.limit };
    return (await this.definition.store.list(audience, page)).map((r) => this.definition.toView(r));
  }

  /** Records who acknowledged and when; a repeat returns the first acknowledgement; an item not for the caller does not exist for them. */
  async acknowledge(user: AuthUser, id: string): Promise<V> {
    const { store, toView, what } = this.definition;
    const audience = this.definition.audienceOf(user);
    return this.uow.run(async (tx) => {
      await store.acknowledge(tx, id, audience, { username: user.username, name: user.name }, this.clock.now());
      const row = await store.findVisible(tx, id, audience);
      if (!row) throw new NotFoundProblem(what, id);
      return toView(row);
    });
  }

  /** Replays items after Last-Event-ID (or ?after=, or from now when neither is given), then pushes new ones as they commit. */
  async stream(user: AuthUser, query: FeedStreamQuery, lastEventId: string | undefined, res: SseHttpResponse): Promise<void> {
    const { store, toView, name, channel } = this.definition;
    const audience = this.definition.audienceOf(user, query.clinicId);
    return this.streams.open(
      {
        name,
        channel,
        audience,
        latestSeq: () => store.latestSeq(audience),
        fetchAfter: async (afterSeq, limit) => (await store.list(audience, { afterSeq, unacknowledgedOnly: false, limit })).map(toView),
      },
      lastEventId ?? query.after,
      res,
    );
  }
}
