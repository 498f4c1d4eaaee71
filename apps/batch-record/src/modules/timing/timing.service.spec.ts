import { TimingAlertV1 } from '@mes/contracts';
import { automock, platformTwin } from '@mes/testing';
import { BatchLock } from '../batch-lock/batch-lock';
import { BATCH_ID, OPERATOR, aBatch, aStep } from '../batches/batch.fakes';
import { TimingPlan } from '../batches/rules/timing';
import { DeviationService, SYSTEM_ACTOR } from '../deviations/deviation.service';
import { TimingRecordEntity } from './timing-record.entity';
import { TimingRecordRepository } from './timing-record.repository';
import { TimingDueTimer, TimingWarningTimer } from './timing-timers';
import { TimingJob } from './timing.job';
import { TimingService } from './timing.service';

const HOUR = 3_600_000;
const COMPLETED_AT = new Date('2026-03-01T09:00:00.000Z');

/** timing_record in memory; the unit of work puts it back when a transaction throws. */
class InMemoryTimingRecords {
  rows = new Map<string, TimingRecordEntity>();
  snapshot = () => new Map([...this.rows].map(([id, r]) => [id, { ...r }]));
  restore = (rows: Map<string, TimingRecordEntity>) => (this.rows = rows);
  insert = async (_tx: unknown, r: TimingRecordEntity) => void this.rows.set(r.id, { ...r });
  save = async (_tx: unknown, r: TimingRecordEntity) => void this.rows.set(r.id, { ...r });
  cancel = async (_tx: unknown, id: string) => void (this.rows.get(id)!.state = 'cancelled');
  findById = async (_tx: unknown, id: string) => (this.rows.has(id) ? { ...this.rows.get(id)! } : null);
  openFor = async (_tx: unknown, batchId: string, stepCode: string, kind?: string) =>
    [...this.rows.values()]
      .filter((r) => r.batchId === batchId && r.stepCode === stepCode && r.state === 'open' && (!kind || r.kind === kind))
      .map((r) => ({ ...r }));
  forBatches = async (ids: string[]) => [...this.rows.values()].filter((r) => ids.includes(r.batchId));
}

const plan = (over: Partial<TimingPlan> = {}): TimingPlan => ({
  code: 'FEED-WINDOW',
  kind: 'window',
  description: 'Feed 48-72 h after seeding',
  stepCode: 'FEED',
  afterStep: 'SEED',
  earliestAt: new Date(COMPLETED_AT.getTime() + 48 * HOUR),
  dueAt: new Date(COMPLETED_AT.getTime() + 72 * HOUR),
  warnAt: new Date(COMPLETED_AT.getTime() + 70 * HOUR),
  ...over,
});

function setup() {
  const p = platformTwin({ now: COMPLETED_AT, producer: 'batch-record' });
  const records = new InMemoryTimingRecords();
  p.uow.track(records);
  const batch = aBatch();
  const steps = [aStep('SEED', 1, { state: 'completed' }), aStep('FEED', 2)];
  const deviations = automock(DeviationService, { open: async () => ({ id: 'd0000000-0000-4000-8000-000000000001' }) as never });
  const batchLock = automock(BatchLock, { tryLockWithSteps: async () => ({ batch, steps }) });
  const service = new TimingService(
    records as unknown as TimingRecordRepository,
    p.timers,
    p.clock,
    p.outbox,
    deviations,
    p.audit,
    batchLock,
  );
  // What the boot's discovery does with TimingJob's @OnTimer methods.
  const job = new TimingJob(service);
  p.timers.handle(TimingWarningTimer, (tx, t) => job.warn(tx, t));
  p.timers.handle(TimingDueTimer, (tx, t) => job.due(tx, t));
  const open = (plans: TimingPlan[]) => p.uow.run((tx) => service.open(tx, batch, plans, OPERATOR));
  return { ...p, service, records, batch, steps, deviations, batchLock, open };
}

describe(TimingService.name, () => {
  it('should record the window and arm its warning and deadline when the step that starts it completes', async () => {
    // Arrange
    const { open, records, timers, audit } = setup();

    // Act
    await open([plan()]);

    // Assert
    const [record] = records.rows.values();
    expect(record).toMatchObject({ state: 'open', stepCode: 'FEED', batchId: BATCH_ID });
    expect(timers.pending().map((t) => [t.kind, t.dueAt.toISOString()])).toEqual([
      [TimingWarningTimer.kind, '2026-03-04T07:00:00.000Z'],
      [TimingDueTimer.kind, '2026-03-04T09:00:00.000Z'],
    ]);
    expect(audit.of('timing_record', record.id)).toHaveLength(1);
  });

  it('should warn the floor once and open nothing when the warning time comes', async () => {
    // Arrange
    const { open, timers, clock, outbox, deviations, records } = setup();
    await open([plan()]);

    // Act
    clock.set(new Date(COMPLETED_AT.getTime() + 70 * HOUR));
    const fired = await timers.fireDue();

    // Assert
    expect(fired.map((t) => t.kind)).toEqual([TimingWarningTimer.kind]);
    expect(outbox.of(TimingAlertV1)).toEqual([
      expect.objectContaining({ level: 'warning', constraintCode: 'FEED-WINDOW', stepCode: 'FEED' }),
    ]);
    expect([...records.rows.values()][0].warnedAt).toEqual(clock.now());
    expect(deviations.open).not.toHaveBeenCalled();
  });

  it('should mark the window missed, open a deviation as the system and alert when the deadline passes unmet', async () => {
    // Arrange
    const { open, timers, clock, outbox, deviations, records, batch } = setup();
    await open([plan({ warnAt: null })]);

    // Act
    clock.set(new Date(COMPLETED_AT.getTime() + 72 * HOUR));
    await timers.fireDue();

    // Assert
    expect([...records.rows.values()][0]).toMatchObject({ state: 'missed', deviationId: 'd0000000-0000-4000-8000-000000000001' });
    expect(deviations.open).toHaveBeenCalledWith(
      expect.anything(),
      batch,
      expect.objectContaining({ source: 'missed-window', stepCode: 'FEED' }),
      SYSTEM_ACTOR,
    );
    expect(outbox.of(TimingAlertV1)).toEqual([
      expect.objectContaining({ level: 'missed', deviationId: 'd0000000-0000-4000-8000-000000000001' }),
    ]);
  });

  it('should do nothing when the deadline fires for a window that was met in time', async () => {
    // Arrange
    const { open, timers, clock, outbox, deviations, service, batch, steps, uow } = setup();
    await open([plan({ warnAt: null })]);
    clock.set(new Date(COMPLETED_AT.getTime() + 50 * HOUR));
    await uow.run((tx) => service.stepStarting(tx, batch, steps[1], OPERATOR));

    // Act
    clock.set(new Date(COMPLETED_AT.getTime() + 72 * HOUR));
    const fired = await timers.fireDue();

    // Assert
    expect(fired).toHaveLength(1);
    expect(deviations.open).not.toHaveBeenCalled();
    expect(outbox.of(TimingAlertV1)).toEqual([]);
  });

  it('should refuse with 422 timing-window-not-open and change nothing when the step starts before its window opens', async () => {
    // Arrange
    const { open, clock, service, batch, steps, uow, records, audit } = setup();
    await open([plan()]);
    const entries = audit.entries.length;
    clock.set(new Date(COMPLETED_AT.getTime() + 47 * HOUR));

    // Act
    const attempt = uow.run((tx) => service.stepStarting(tx, batch, steps[1], OPERATOR));

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 422, code: 'timing-window-not-open' });
    expect([...records.rows.values()][0].state).toBe('open');
    expect(audit.entries).toHaveLength(entries);
  });

  it('should meet the window late and open a deviation when the step starts after the deadline', async () => {
    // Arrange
    const { open, clock, service, batch, steps, uow, records, deviations } = setup();
    await open([plan({ warnAt: null })]);
    clock.set(new Date(COMPLETED_AT.getTime() + 73 * HOUR));

    // Act
    await uow.run((tx) => service.stepStarting(tx, batch, steps[1], OPERATOR));

    // Assert
    expect([...records.rows.values()][0]).toMatchObject({ state: 'met', late: true, deviationId: 'd0000000-0000-4000-8000-000000000001' });
    expect(deviations.open).toHaveBeenCalledWith(expect.anything(), batch, expect.objectContaining({ source: 'missed-window' }), OPERATOR);
  });

  it('should cancel what waited for a step when the step is skipped', async () => {
    // Arrange
    const { open, service, uow, records, audit } = setup();
    await open([plan()]);

    // Act
    await uow.run((tx) => service.stepSkipped(tx, BATCH_ID, 'FEED', OPERATOR));

    // Assert
    const [record] = records.rows.values();
    expect(record.state).toBe('cancelled');
    expect(audit.of('timing_record', record.id).at(-1)).toMatchObject({ reason: 'step skipped', newValue: { state: 'cancelled' } });
  });
});
