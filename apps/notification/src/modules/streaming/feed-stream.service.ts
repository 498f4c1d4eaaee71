import { BeforeApplicationShutdown, Inject, Injectable, LoggerService } from '@nestjs/common';
import { APP_LOGGER, FeedAddress, FeedAudience, SERVICE_CONFIG, receives } from '@mes/platform';
import { NotificationConfig } from '../../config/notification.config';
import { PgListener } from './pg-listener';
import { SseHttpResponse, SseItem, SseStream, beginSse, resumeSeq } from './sse-stream';

/** What one stream reads: a feed's items for one audience. */
export interface FeedSubscription<V extends SseItem> {
  name: string;
  channel: string;
  audience: FeedAudience;
  latestSeq(): Promise<string>;
  fetchAfter(afterSeq: string, limit: number): Promise<V[]>;
}

interface LiveStream {
  channel: string;
  audience: FeedAudience;
}

/** Every live Server-Sent Events stream of this process, of every feed, woken by the Postgres listener when any replica commits an item. */
@Injectable()
export class FeedStreamService implements BeforeApplicationShutdown {
  private readonly streams = new Map<SseStream, LiveStream>();
  private readonly channels = new Set<string>();

  constructor(
    private readonly listener: PgListener,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  /** Listens on a feed's channel; call before bootstrap (module init). */
  follow(channel: string): void {
    if (this.channels.has(channel)) return;
    this.channels.add(channel);
    this.listener.subscribe(channel, {
      onMessage: (payload) => this.wake(channel, parseAddress(payload)),
      onReconnected: () => this.wake(channel),
    });
  }

  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  beforeApplicationShutdown(): void {
    for (const stream of [...this.streams.keys()]) stream.close();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  async open<V extends SseItem>(feed: FeedSubscription<V>, resumeFrom: string | undefined, res: SseHttpResponse): Promise<void> {
    let gone = false;
    res.once('close', () => (gone = true));
    const lastSeq = resumeSeq(resumeFrom, await feed.latestSeq());
    if (gone) return;
    beginSse(res);
    const pageSize = this.config.STREAM_BATCH_SIZE;
    const stream = new SseStream<V>(res, {
      eventName: feed.name,
      lastSeq,
      heartbeatMs: this.config.STREAM_HEARTBEAT_MS,
      pageSize,
      fetchAfter: (afterSeq) => feed.fetchAfter(afterSeq, pageSize),
      onClosed: (s) => this.streams.delete(s as SseStream),
      onError: (_, error) => this.logger.error({ msg: `${feed.name} stream failed; closing it`, error: String(error) }, 'FeedStream'),
    });
    // Registered before the first read, so an item committed during the replay wakes it again.
    this.streams.set(stream as SseStream, { channel: feed.channel, audience: feed.audience });
    void stream.wake();
  }

  /** Wakes the streams of this channel whose audience receives the address (all of them when it is unknown). */
  wake(channel: string, address?: FeedAddress): void {
    for (const [stream, live] of this.streams) {
      if (live.channel === channel && (!address || receives(live.audience, address))) void stream.wake();
    }
  }
}

// A wake-up only makes streams re-read under their own audience filter, so an unreadable payload wakes them all.
function parseAddress(payload: string): FeedAddress | undefined {
  try {
    const address = JSON.parse(payload) as FeedAddress;
    return typeof address === 'object' && address !== null && ('clinicId' in address || 'roles' in address) ? address : undefined;
  } catch {
    return undefined;
  }
}
