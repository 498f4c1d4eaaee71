import { LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, Role } from '@mes/platform';
import { NotificationConfig } from '../../../config/notification.config';
import { ChannelSubscriber, PgListener } from '../../streaming/pg-listener';
import { SseHttpResponse } from '../../streaming/sse-stream';
import { FakeStaffAlertRepository } from '../staff-alert.fakes';
import { NewStaffAlert, StaffAlertRepository } from '../staff-alert.repository';
import { STAFF_ALERT_CHANNEL } from '../staff-alert.types';
import { StaffAlertStreamService } from './staff-alert-stream.service';

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
  close() {
    (this.listeners.close ?? []).forEach((l) => l());
  }
  alertIds(): string[] {
    return this.frames.filter((f) => f.includes('event: staff-alert')).map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)).kind);
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
  const repo = new FakeStaffAlertRepository();
  let subscriber: ChannelSubscriber | undefined;
  const listener = {
    subscribe: (channel: string, s: ChannelSubscriber) => channel === STAFF_ALERT_CHANNEL && (subscriber = s),
  } as unknown as PgListener;
  const config = { STREAM_BATCH_SIZE: 50, STREAM_HEARTBEAT_MS: 60_000 } as NotificationConfig;
  const logger = { error: jest.fn() } as unknown as LoggerService;
  const service = new StaffAlertStreamService(repo as unknown as StaffAlertRepository, listener, config, logger);
  service.onModuleInit();
  const commit = async (a: NewStaffAlert) => {
    await repo.insert({} as EntityManager, a);
    subscriber?.onMessage(a.audience.join(','));
    await settle();
  };
  return { repo, service, commit };
}

describe(StaffAlertStreamService.name, () => {
  it('should push a new alert only to the streams of readers it is addressed to', async () => {
    // Arrange
    const { service, commit } = setUp();
    const operator = new FakeHttpResponse();
    const qa = new FakeHttpResponse();
    await service.open(user(['operator']), {}, undefined, operator);
    await service.open(user(['qa']), {}, undefined, qa);

    // Act
    await commit(alert('account-locked', ['qa', 'admin', 'supervisor'], 1));
    await commit(alert('timing-warning', ['operator', 'supervisor'], 2));

    // Assert
    expect(qa.alertIds()).toEqual(['account-locked']);
    expect(operator.alertIds()).toEqual(['timing-warning']);
    service.beforeApplicationShutdown();
  });

  it('should replay the addressed alerts after Last-Event-ID when a client resumes', async () => {
    // Arrange
    const { service, commit } = setUp();
    await commit(alert('lot-misuse', ['qa', 'supervisor'], 1));
    await commit(alert('timing-warning', ['operator', 'supervisor'], 2));
    await commit(alert('deviation-open', ['qa', 'supervisor'], 3));
    const res = new FakeHttpResponse();

    // Act
    await service.open(user(['qa']), {}, '0', res);
    await settle();

    // Assert
    expect(res.statusCode).toBe(200);
    expect(res.alertIds()).toEqual(['lot-misuse', 'deviation-open']);
    service.beforeApplicationShutdown();
  });

  it('should refuse a clinic user with 403 before the stream starts', async () => {
    // Arrange
    const { service } = setUp();
    const res = new FakeHttpResponse();

    // Act / Assert
    await expect(service.open(user(['clinic'], 'CLINIC-A'), {}, undefined, res)).rejects.toMatchObject({ status: 403 });
    expect(res.frames).toEqual([]);
    expect(service.openStreams).toBe(0);
  });
});
