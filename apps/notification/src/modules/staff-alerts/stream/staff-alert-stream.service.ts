import { BeforeApplicationShutdown, Inject, Injectable, LoggerService, OnModuleInit } from '@nestjs/common';
import { APP_LOGGER, AuthUser, Role, SERVICE_CONFIG } from '@mes/platform';
import { NotificationConfig } from '../../../config/notification.config';
import { PgListener } from '../../streaming/pg-listener';
import { SseHttpResponse, SseStream, beginSse, resumeSeq } from '../../streaming/sse-stream';
import { StaffAlertStreamQuery } from '../dto/staff-alert-query.dto';
import { isAddressedTo, staffAlertAudience } from '../staff-alert-access';
import { StaffAlertRepository } from '../staff-alert.repository';
import { STAFF_ALERT_CHANNEL, StaffAlertView } from '../staff-alert.types';
import { toStaffAlertView } from '../staff-alert.view';

/** Live staff-alert streams of this process, woken by the Postgres listener whenever any replica stores an alert. */
@Injectable()
export class StaffAlertStreamService implements OnModuleInit, BeforeApplicationShutdown {
  /** Each stream with the roles whose alerts it carries. */
  private readonly streams = new Map<SseStream<StaffAlertView>, readonly Role[]>();

  constructor(
    private readonly alerts: StaffAlertRepository,
    private readonly listener: PgListener,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  onModuleInit(): void {
    this.listener.subscribe(STAFF_ALERT_CHANNEL, {
      onMessage: (audience) => this.wake(audience.split(',') as Role[]),
      onReconnected: () => this.wakeAll(),
    });
  }

  // Before the HTTP server closes: it waits for open connections, and a stream never ends by itself.
  beforeApplicationShutdown(): void {
    for (const stream of [...this.streams.keys()]) stream.close();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Replays alerts after Last-Event-ID (or ?after=, or from now when neither is given), then pushes new ones as they commit. */
  async open(user: AuthUser, query: StaffAlertStreamQuery, lastEventId: string | undefined, res: SseHttpResponse): Promise<void> {
    const roles = staffAlertAudience(user);
    let gone = false;
    res.once('close', () => (gone = true));
    const lastSeq = resumeSeq(lastEventId ?? query.after, await this.alerts.latestSeq(roles));
    if (gone) return;
    beginSse(res);
    const pageSize = this.config.STREAM_BATCH_SIZE;
    const stream = new SseStream<StaffAlertView>(res, {
      clinicId: null,
      eventName: 'staff-alert',
      lastSeq,
      heartbeatMs: this.config.STREAM_HEARTBEAT_MS,
      pageSize,
      fetchAfter: async (afterSeq) =>
        (await this.alerts.list({ roles, afterSeq, unacknowledgedOnly: false, limit: pageSize })).map(toStaffAlertView),
      onClosed: (s) => this.streams.delete(s),
      onError: (_, error) =>
        this.logger.error({ msg: 'staff alert stream failed; closing it', roles, error: String(error) }, 'StaffAlertStream'),
    });
    // Registered before the first read, so an alert committed during the replay wakes it again.
    this.streams.set(stream, roles);
    void stream.wake();
  }

  /** Wakes the streams of readers the new alert is addressed to. */
  wake(audience: readonly Role[]): void {
    for (const [stream, roles] of this.streams) if (isAddressedTo(audience, roles)) void stream.wake();
  }

  wakeAll(): void {
    for (const stream of this.streams.keys()) void stream.wake();
  }
}
