import { LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, Clock, Role, UnitOfWork } from '@mes/platform';
import { NotificationConfig } from '../../config/notification.config';
import { NotificationFeed } from '../notifications/notification-feed';
import { NotificationEntity } from '../notifications/notification.entity';
import { NotificationRepository } from '../notifications/notification.repository';
import { NOTIFICATION_CHANNEL } from '../notifications/notification.types';
import { StaffAlertFeed } from '../staff-alerts/staff-alert-feed';
import { FakeStaffAlertRepository } from '../staff-alerts/staff-alert.fakes';
import { NewStaffAlert, StaffAlertRepository } from '../staff-alerts/staff-alert.repository';
import { STAFF_ALERT_CHANNEL } from '../staff-alerts/staff-alert.types';
import { FeedPage } from './feed';
import { FeedStreamService } from './feed-stream.service';
import { ChannelSubscriber, PgListener } from './pg-listener';
import { SseHttpResponse } from './sse-stream';

class FakeHttpResponse implements SseHttpResponse {
  readonly frames: string[] = [];
  statusCode?: number;
  private listeners: Record<string, (() => void)[]> = {};
  status(code: number) {
    this.statusCode = code;
  }
  setHeader() {}
  flushHeaders() {}
  write(chunk: string) {
    this.frames.push(chunk);
    return true;
  }
  end() {}
  once(event: 'drain' | 'close', listener: () => void) {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }
  /** The `kind` of every frame of this SSE event name. */
  kinds(eventName: string): string[] {
    return this.frames.filter((f) => f.includes(`event: ${eventName}\n`)).map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)).kind);
  }
}

/** The notification table, in memory. */
class FakeNotifications {
  readonly rows: NotificationEntity[] = [];
  add(clinicId: string, kind: string): NotificationEntity {
    const n = String(this.rows.length + 1);
    const at = new Date('2026-12-01T00:00:00.000Z');
    const row = {
      id: `n-${n}`,
      seq: n,
      clinicId,
      kind,
      severity: 'info',
      title: kind,
      body: kind,
      orderId: null,
      batchId: null,
      coi: 'COI',
    };
    this.rows.push({
      ...row,
      stepCode: null,
      sourceEventId: `e-${n}`,
      sourceEventType: 'x',
      occurredAt: at,
      createdAt: at,
    } as NotificationEntity);
    return this.rows.at(-1)!;
  }
  private visible = (a: { clinicId: string | null }) => this.rows.filter((r) => a.clinicId === null || r.clinicId === a.clinicId);
  async list(a: { clinicId: string | null }, page: FeedPage) {
    return this.visible(a)
      .filter((r) => Number(r.seq) > Number(page.afterSeq))
      .slice(0, page.limit);
  }
  async latestSeq(a: { clinicId: string | null }) {
    return this.visible(a).at(-1)?.seq ?? '0';
  }
}

const user = (roles: Role[], clinicId: string | null = null): AuthUser => ({ id: 'u', username: 'u', name: 'U', roles, clinicId });
const alert = (kind: string, audience: Role[], n: number): NewStaffAlert => ({
  kind: kind as NewStaffAlert['kind'],
  severity: 'high',
  audience,
  title: kind,
  body: kind,
  subjectId: 's',
  batchId: null,
  lotNumber: null,
  stepCode: null,
  details: {},
  sourceEventId: `e-${n}`,
  sourceEventType: 'x',
  occurredAt: new Date('2026-12-01T00:00:00.000Z'),
  createdAt: new Date('2026-12-01T00:00:00.000Z'),
});
const settle = () => new Promise((r) => setTimeout(r, 10));

function setUp() {
  const subscribers = new Map<string, ChannelSubscriber>();
  const listener = { subscribe: (channel: string, s: ChannelSubscriber) => subscribers.set(channel, s) } as unknown as PgListener;
  const config = { STREAM_BATCH_SIZE: 50, STREAM_HEARTBEAT_MS: 60_000 } as NotificationConfig;
  const streams = new FeedStreamService(listener, config, { error: jest.fn() } as unknown as LoggerService);
  const uow = {} as UnitOfWork;
  const clock = {} as Clock;
  const alertRows = new FakeStaffAlertRepository();
  const notificationRows = new FakeNotifications();
  const alerts = new StaffAlertFeed(alertRows as unknown as StaffAlertRepository, streams, uow, clock);
  const notifications = new NotificationFeed(notificationRows as unknown as NotificationRepository, streams, uow, clock);
  alerts.onModuleInit();
  notifications.onModuleInit();
  // What the repositories' NOTIFY does on commit.
  const commitAlert = async (a: NewStaffAlert) => {
    await alertRows.insert({} as EntityManager, a);
    subscribers.get(STAFF_ALERT_CHANNEL)?.onMessage(JSON.stringify({ roles: a.audience }));
    await settle();
  };
  const commitNotification = async (clinicId: string, kind: string) => {
    notificationRows.add(clinicId, kind);
    subscribers.get(NOTIFICATION_CHANNEL)?.onMessage(JSON.stringify({ clinicId }));
    await settle();
  };
  return { streams, alerts, notifications, commitAlert, commitNotification, subscribers };
}

describe(FeedStreamService.name, () => {
  it('should push a new alert only to the streams of readers it is addressed to', async () => {
    // Arrange
    const { streams, alerts, commitAlert } = setUp();
    const operator = new FakeHttpResponse();
    const qa = new FakeHttpResponse();
    await alerts.stream(user(['operator']), {}, undefined, operator);
    await alerts.stream(user(['qa']), {}, undefined, qa);

    // Act
    await commitAlert(alert('account-locked', ['qa', 'admin', 'supervisor'], 1));
    await commitAlert(alert('timing-warning', ['operator', 'supervisor'], 2));

    // Assert
    expect(qa.kinds('staff-alert')).toEqual(['account-locked']);
    expect(operator.kinds('staff-alert')).toEqual(['timing-warning']);
    streams.beforeApplicationShutdown();
  });

  it("should push a clinic's notification to that clinic's stream and to staff following every clinic, not to another clinic", async () => {
    // Arrange
    const { streams, notifications, commitNotification } = setUp();
    const clinicA = new FakeHttpResponse();
    const clinicB = new FakeHttpResponse();
    const qa = new FakeHttpResponse();
    await notifications.stream(user(['clinic'], 'CLINIC-A'), {}, undefined, clinicA);
    await notifications.stream(user(['clinic'], 'CLINIC-B'), {}, undefined, clinicB);
    await notifications.stream(user(['qa']), {}, undefined, qa);

    // Act
    await commitNotification('CLINIC-A', 'slot-confirmed');

    // Assert
    expect(clinicA.kinds('notification')).toEqual(['slot-confirmed']);
    expect(clinicB.kinds('notification')).toEqual([]);
    expect(qa.kinds('notification')).toEqual(['slot-confirmed']);
    streams.beforeApplicationShutdown();
  });

  it("should not wake a feed's streams for another feed's channel", async () => {
    // Arrange
    const { streams, alerts, commitNotification } = setUp();
    const qa = new FakeHttpResponse();
    await alerts.stream(user(['qa']), {}, undefined, qa);

    // Act
    await commitNotification('CLINIC-A', 'slot-confirmed');

    // Assert
    expect(qa.frames.filter((f) => f.startsWith('id:'))).toEqual([]);
    streams.beforeApplicationShutdown();
  });

  it('should replay the addressed alerts after Last-Event-ID when a client resumes', async () => {
    // Arrange
    const { streams, alerts, commitAlert } = setUp();
    await commitAlert(alert('lot-misuse', ['qa', 'supervisor'], 1));
    await commitAlert(alert('timing-warning', ['operator', 'supervisor'], 2));
    await commitAlert(alert('deviation-open', ['qa', 'supervisor'], 3));
    const res = new FakeHttpResponse();

    // Act
    await alerts.stream(user(['qa']), {}, '0', res);
    await settle();

    // Assert
    expect(res.statusCode).toBe(200);
    expect(res.kinds('staff-alert')).toEqual(['lot-misuse', 'deviation-open']);
    streams.beforeApplicationShutdown();
  });

  it.each([
    ['a clinic user on the staff feed', 'alerts', user(['clinic'], 'CLINIC-A'), {}],
    ['a clinic user asking for another clinic', 'notifications', user(['clinic'], 'CLINIC-A'), { clinicId: 'CLINIC-B' }],
    ['an operator on the clinic feed', 'notifications', user(['operator']), {}],
  ] as const)('should refuse %s with 403 before the stream starts', async (_, feed, caller, query) => {
    // Arrange
    const setup = setUp();
    const res = new FakeHttpResponse();

    // Act / Assert
    await expect(setup[feed].stream(caller, query, undefined, res)).rejects.toMatchObject({ status: 403 });
    expect(res.frames).toEqual([]);
    expect(setup.streams.openStreams).toBe(0);
  });
});
