import { BeforeApplicationShutdown, Inject, Injectable, LoggerService, OnModuleInit } from '@nestjs/common';
import { APP_LOGGER, AuthUser, SERVICE_CONFIG } from '@mes/platform';
import { NotificationConfig } from '../../../config/notification.config';
import { StreamQuery } from '../dto/notification-query.dto';
import { readableClinic } from '../clinic-scope';
import { NotificationRepository } from '../notification.repository';
import { toView } from '../notification.view';
import { PgListener } from '../../streaming/pg-listener';
import { SseHttpResponse, SseStream, beginSse, resumeSeq } from '../../streaming/sse-stream';
import { NOTIFICATION_CHANNEL, NotificationView } from '../notification.types';

/** Live clinic streams of this process, woken by the Postgres listener whenever any replica stores a notification. */
@Injectable()
export class NotificationStreamService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly streams = new Set<SseStream<NotificationView>>();

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly listener: PgListener,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  onModuleInit(): void {
    this.listener.subscribe(NOTIFICATION_CHANNEL, { onMessage: (clinicId) => this.wake(clinicId), onReconnected: () => this.wakeAll() });
  }

  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  beforeApplicationShutdown(): void {
    for (const stream of [...this.streams]) stream.close();
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
    const lastSeq = resumeSeq(lastEventId ?? query.after, latest);
    if (gone) return;
    beginSse(res);
    const pageSize = this.config.STREAM_BATCH_SIZE;
    const stream = new SseStream<NotificationView>(res, {
      clinicId,
      lastSeq,
      heartbeatMs: this.config.STREAM_HEARTBEAT_MS,
      pageSize,
      fetchAfter: async (afterSeq) =>
        (await this.notifications.list({ clinicId, afterSeq, unacknowledgedOnly: false, limit: pageSize })).map(toView),
      onClosed: (s) => this.streams.delete(s),
      onError: (_, error) =>
        this.logger.error({ msg: 'notification stream failed; closing it', clinicId, error: String(error) }, 'NotificationStream'),
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
