import { EventEnvelope, LotMisuseDetectedV1, TimingAlertV1, UserLockedV1, createEvent } from '@mes/contracts';
import { AuthUser, Role } from '@mes/platform';
import { platformTwin, twinManager } from '@mes/testing';
import { ClinicDirectoryRepository } from '../clinic-directory/clinic-directory.repository';
import { StaffAlertIntakeService } from './staff-alert-intake.service';
import { FakeStaffAlertRepository } from './staff-alert.fakes';
import { StaffAlertRepository } from './staff-alert.repository';
import { FeedStreamService } from '../streaming/feed-stream.service';
import { StaffAlertFeed } from './staff-alert-feed';

const TX = twinManager();
const batchId = '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13';
const user = (username: string, roles: Role[], clinicId: string | null = null): AuthUser => ({
  id: `id-${username}`,
  username,
  name: `${username} Person`,
  roles,
  clinicId,
});

const locked = createEvent(
  UserLockedV1,
  {
    userId: 'u-7',
    username: 'qa',
    displayName: 'Alex QA-Person',
    failedAttempts: 3,
    reason: 'failed-logins',
    lockedAt: '2026-12-01T08:00:00.000Z',
  },
  { producer: 'identity', subject: 'u-7' },
);
const misuse = createEvent(
  LotMisuseDetectedV1,
  {
    lotId: '22222222-3333-4444-8555-666666666666',
    materialCode: 'IL-2',
    batchId,
    stepCode: 'EXPANSION',
    usedAt: '2026-12-03T10:00:00.000Z',
    reason: 'lot expired',
  },
  { producer: 'inventory', subject: '22222222-3333-4444-8555-666666666666' },
);
const timingWarning = createEvent(
  TimingAlertV1,
  {
    batchId,
    orderId: '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11',
    coi: 'COI-AB12-CD34',
    clinicId: 'CLINIC-A',
    lotNumber: 'LOT-0042',
    constraintCode: 'FEED-WINDOW',
    constraintKind: 'window',
    stepCode: 'EXPANSION',
    stepName: 'Expansion',
    level: 'warning',
    dueAt: '2026-12-03T12:00:00.000Z',
    raisedAt: '2026-12-03T11:00:00.000Z',
    deviationId: null,
  },
  { producer: 'batch-record', subject: batchId },
);

function setUp() {
  const repo = new FakeStaffAlertRepository();
  const { clock, uow } = platformTwin({ now: '2026-12-03T12:00:00.000Z' });
  const directory = {
    findContext: async () => ({ clinicId: 'CLINIC-A', coi: 'COI-AB12-CD34', orderId: 'o', batchId, lotNumber: 'LOT-0042' }),
  } as unknown as ClinicDirectoryRepository;
  const alerts = repo as unknown as StaffAlertRepository;
  const intake = new StaffAlertIntakeService(alerts, directory, clock);
  const service = new StaffAlertFeed(alerts, { follow: () => undefined } as unknown as FeedStreamService, uow, clock);
  const deliver = async (...events: EventEnvelope[]) => {
    for (const e of events) await intake.handle(TX, e);
  };
  return { repo, clock, intake, service, deliver };
}

describe(StaffAlertIntakeService.name, () => {
  it('should store one alert per source event when an event is delivered twice', async () => {
    // Arrange
    const { repo, deliver } = setUp();

    // Act
    await deliver(locked, locked);

    // Assert
    expect(repo.rows).toHaveLength(1);
    expect(repo.rows[0]).toMatchObject({ kind: 'account-locked', sourceEventId: locked.eventId, sourceEventType: 'identity.user.locked' });
  });

  it('should add the lot number from the batch read model when the event names only the batch', async () => {
    // Arrange
    const { repo, deliver } = setUp();

    // Act
    await deliver(misuse);

    // Assert
    expect(repo.rows[0]).toMatchObject({ kind: 'lot-misuse', batchId, lotNumber: 'LOT-0042' });
  });
});

describe(StaffAlertFeed.name, () => {
  it("should list only the alerts addressed to one of the caller's roles", async () => {
    // Arrange
    const { service, deliver } = setUp();
    await deliver(locked, misuse, timingWarning);

    // Act
    const operator = await service.list(user('operator', ['operator']), { unacknowledged: false, limit: 100 });
    const admin = await service.list(user('admin', ['admin']), { unacknowledged: false, limit: 100 });
    const supervisor = await service.list(user('supervisor', ['supervisor', 'operator']), { unacknowledged: false, limit: 100 });

    // Assert
    expect(operator.map((a) => a.kind)).toEqual(['timing-warning']);
    expect(admin.map((a) => a.kind)).toEqual(['account-locked']);
    expect(supervisor.map((a) => a.kind)).toEqual(['account-locked', 'lot-misuse', 'timing-warning']);
  });

  it('should refuse a clinic user with 403 whatever they ask for', async () => {
    // Arrange
    const { service, repo, deliver } = setUp();
    await deliver(locked);

    // Act / Assert
    await expect(service.list(user('clinic-a', ['clinic'], 'CLINIC-A'), { unacknowledged: false, limit: 100 })).rejects.toMatchObject({
      status: 403,
    });
    await expect(service.acknowledge(user('clinic-a', ['clinic', 'qa'], 'CLINIC-A'), repo.rows[0].id)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('should record who acknowledged and when, and leave it out of the unacknowledged list', async () => {
    // Arrange
    const { service, repo, deliver } = setUp();
    await deliver(locked, misuse);

    // Act
    const acknowledged = await service.acknowledge(user('qa', ['qa']), repo.rows[0].id);
    const open = await service.list(user('qa', ['qa']), { unacknowledged: true, limit: 100 });

    // Assert
    expect(acknowledged).toMatchObject({
      acknowledgedAt: '2026-12-03T12:00:00.000Z',
      acknowledgedBy: 'qa',
      acknowledgedByName: 'qa Person',
    });
    expect(open.map((a) => a.kind)).toEqual(['lot-misuse']);
  });

  it('should return the first acknowledgement unchanged when an alert is acknowledged again', async () => {
    // Arrange
    const { service, repo, clock, deliver } = setUp();
    await deliver(locked);
    const first = await service.acknowledge(user('qa', ['qa']), repo.rows[0].id);
    clock.advance(60_000);

    // Act
    const second = await service.acknowledge(user('admin', ['admin']), repo.rows[0].id);

    // Assert
    expect(second).toEqual(first);
  });

  it.each([
    ['an unknown alert', 'ffffffff-ffff-4fff-8fff-ffffffffffff'],
    ['an alert not addressed to the caller', null],
  ])('should answer 404 when acknowledging %s', async (_, id) => {
    // Arrange
    const { service, repo, deliver } = setUp();
    await deliver(locked);

    // Act / Assert
    await expect(service.acknowledge(user('operator', ['operator']), id ?? repo.rows[0].id)).rejects.toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect(repo.rows[0].acknowledgedAt).toBeNull();
  });
});
