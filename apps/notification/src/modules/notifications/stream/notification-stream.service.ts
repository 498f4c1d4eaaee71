import { BeforeApplicationShutdown, Inject, Injectable, LoggerService, OnApplicationBootstrap } from '@nestjs/common';
import { APP_LOGGER, AuthUser, SERVICE_CONFIG } from '@mes/platform';
import { NotificationConfig } from '../../../config/notification.config';
import { StreamQuery } from '../dto/notification-query.dto';
import { readableClinic } from '../clinic-scope';
import { NotificationRepository } from '../notification.repository';
import { toView } from '../notification.view';
import { NotificationListener } from './notification-listener';
import { SseResponse, SseStream } from './sse-stream';

/** The raw Express response the stream endpoint takes over. */
export interface SseHttpResponse extends SseResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  flushHeaders(): void;
}

/** Live clinic streams of this process, woken by the Postgres listener whenever any replica stores a notification. */
@Injectable()
export class NotificationStreamService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly streams = new Set<SseStream>();

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly listener: NotificationListener,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.PROCESS_ROLES.includes('api')) return;
    await this.listener.start({ onNotification: (clinicId) => this.wake(clinicId), onReconnected: () => this.wakeAll() });
  }

  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  async beforeApplicationShutdown(): Promise<void> {
    for (const stream of [...this.streams]) stream.close();
    await this.listener.stop();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Replays rows after Last-Event-ID (or ?after=, or from now when neither is given), then pushes new ones as they commit. */
  async open(user: AuthUser, query: StreamQuery, lastEventId: string | undefined, res: SseHttpResponse): Promise<void> {
    const clinicId = readableClinic(user, query.clinicId);
    let gone = false;
    res.once('close', () => (gone = true));
    const latest = await this.notifications.latestSeq(clinicId);
    const requested = lastEventId ?? query.after;
    // A resume point beyond the newest row did not come from this database (or means "from now"): go live rather than silent.
    const lastSeq = requested !== undefined && BigInt(requested) <= BigInt(latest) ? requested : latest;
    if (gone) return;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no'); // nginx would otherwise buffer the stream
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const pageSize = this.config.STREAM_BATCH_SIZE;
    const stream = new SseStream(res, {
      clinicId,
      lastSeq,
      heartbeatMs: this.config.STREAM_HEARTBEAT_MS,
      pageSize,
      fetchAfter: async (afterSeq) =>
        (await this.notifications.list({ clinicId, afterSeq, unacknowledgedOnly: false, limit: pageSize })).map(toView),
      onClosed: (s) => this.streams.delete(s),
      onError: (_, error) => this.logger.error({ msg: 'notification stream failed; closing it', clinicId, error: String(error) }, 'NotificationStream'),
    });
    // Registered before the first read, so a notification committed during the replay wakes it again.
    this.streams.add(stream);
    void stream.wake();
  }

  wake(clinicId: string): void {
    for (const stream of this.streams) if (stream.follows(clinicId)) void stream.wake();
  }

  wakeAll(): void {
    for (const stream of this.streams) void stream.wake();
  }
}
