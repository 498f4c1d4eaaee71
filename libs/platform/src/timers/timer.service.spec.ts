import { LoggerService } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { FakeClock } from '@mes/testing';
import { UnitOfWork } from '../database/data-source';
import { z } from 'zod';
import { TimerHandler, defineTimer } from './timer-definition';
import { TimerService, alarmJobId, storeTimer } from './timer.service';

const HoldExpiry = defineTimer({ kind: 'apheresis-hold-expiry', payload: z.object({ bagId: z.string() }).strict() });
const Unknown = defineTimer({ kind: 'unknown-kind', payload: z.object({}).strict() });

const timerId = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const dueAt = new Date('2026-06-10T09:00:00.000Z');

interface Script {
  /** What `SELECT … FOR UPDATE SKIP LOCKED` returns: [] when the timer is not pending or another worker holds it. */
  selected: unknown[];
}

function arrange(script: Script, now = new Date('2026-06-10T09:00:00.000Z')) {
  const query = jest.fn(async (sql: string) => (sql.startsWith('SELECT') ? script.selected : []));
  const tx = { query } as unknown as EntityManager;
  const unitOfWork = { run: jest.fn((work: (t: EntityManager) => Promise<unknown>) => work(tx)) } as unknown as UnitOfWork;
  const clock = new FakeClock(now);
  const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const service = new TimerService(unitOfWork, clock, logger, {
    queueName: 'timers',
    redisUrl: 'redis://unused',
    reconcileIntervalMs: 30_000,
    horizonHours: 24,
  });
  const updates = () => query.mock.calls.filter(([sql]) => sql.startsWith('UPDATE'));
  return { service, query, clock, updates, logger };
}

const pendingRow = (overrides: Record<string, unknown> = {}) => ({
  id: timerId,
  kind: 'apheresis-hold-expiry',
  subject_id: 'bag-17',
  due_at: dueAt,
  state: 'pending',
  payload: { bagId: 'bag-17' },
  ...overrides,
});

describe(TimerService.name, () => {
  describe('fire', () => {
    it('should run the handler and mark the timer fired when it is pending and due', async () => {
      // Arrange
      const { service, clock, updates } = arrange({ selected: [pendingRow()] });
      const handler = jest
        .fn<ReturnType<TimerHandler<typeof HoldExpiry>>, Parameters<TimerHandler<typeof HoldExpiry>>>()
        .mockResolvedValue();
      service.handle(HoldExpiry, handler);
      clock.advance(1);

      // Act
      const fired = await service.fire(timerId);

      // Assert
      expect(fired).toBe(true);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(handler.mock.calls[0][1]).toEqual({
        id: timerId,
        kind: 'apheresis-hold-expiry',
        subjectId: 'bag-17',
        dueAt,
        state: 'pending',
        payload: { bagId: 'bag-17' },
      });
      expect(updates()).toEqual([[expect.stringMatching(/SET state = 'fired'/), [timerId, clock.now()]]]);
    });

    it('should fire when the clock is exactly at the due time', async () => {
      // Arrange
      const { service } = arrange({ selected: [pendingRow()] }, dueAt);
      service.handle(HoldExpiry, jest.fn().mockResolvedValue(undefined));

      // Act
      const fired = await service.fire(timerId);

      // Assert
      expect(fired).toBe(true);
    });

    it('should select only a pending row and skip a locked one when firing', async () => {
      // Arrange
      const { service, query } = arrange({ selected: [] });

      // Act
      await service.fire(timerId);

      // Assert
      expect(query.mock.calls[0]).toEqual([expect.stringMatching(/state = 'pending' FOR UPDATE SKIP LOCKED/), [timerId]]);
    });

    it('should do nothing when the timer is no longer pending or is locked by another worker', async () => {
      // Arrange
      const { service, updates } = arrange({ selected: [] });
      const handler = jest.fn();
      service.handle(HoldExpiry, handler);

      // Act
      const fired = await service.fire(timerId);

      // Assert
      expect(fired).toBe(false);
      expect(handler).not.toHaveBeenCalled();
      expect(updates()).toEqual([]);
    });

    it('should not run the handler when the clock says the timer is not yet due', async () => {
      // Arrange
      const { service, updates } = arrange({ selected: [pendingRow()] }, new Date(dueAt.getTime() - 1));
      const handler = jest.fn();
      service.handle(HoldExpiry, handler);

      // Act
      const fired = await service.fire(timerId);

      // Assert
      expect(fired).toBe(false);
      expect(handler).not.toHaveBeenCalled();
      expect(updates()).toEqual([]);
    });

    it('should fire the same timer when the clock has reached its due time after an early alarm', async () => {
      // Arrange
      const { service, clock } = arrange({ selected: [pendingRow()] }, new Date(dueAt.getTime() - 60_000));
      const handler = jest.fn().mockResolvedValue(undefined);
      service.handle(HoldExpiry, handler);
      await service.fire(timerId);

      // Act
      clock.advance(60_000);
      const fired = await service.fire(timerId);

      // Assert
      expect(fired).toBe(true);
      expect(handler).toHaveBeenCalledTimes(1);
    });

    it('should fail without marking the timer when its kind has no handler', async () => {
      // Arrange
      const { service, updates } = arrange({ selected: [pendingRow({ kind: 'forgotten-kind' })] });

      // Act
      const result = service.fire(timerId);

      // Assert
      await expect(result).rejects.toThrow('No handler for timer kind forgotten-kind');
      expect(updates()).toEqual([]);
    });

    it('should fail without running the handler or marking the timer when its stored payload no longer matches the definition', async () => {
      // Arrange
      const { service, updates } = arrange({ selected: [pendingRow({ payload: { bagId: 17 } })] });
      const handler = jest.fn();
      service.handle(HoldExpiry, handler);

      // Act
      const result = service.fire(timerId);

      // Assert
      await expect(result).rejects.toThrow('Timer kind apheresis-hold-expiry: payload does not match its definition');
      expect(handler).not.toHaveBeenCalled();
      expect(updates()).toEqual([]);
    });

    it('should not mark the timer fired when the handler throws', async () => {
      // Arrange
      const { service, updates } = arrange({ selected: [pendingRow()] });
      service.handle(HoldExpiry, jest.fn().mockRejectedValue(new Error('db down')));

      // Act
      const result = service.fire(timerId);

      // Assert
      await expect(result).rejects.toThrow('db down');
      expect(updates()).toEqual([]);
    });
  });

  describe('schedule', () => {
    it('should refuse a kind that has no handler', async () => {
      // Arrange
      const { service, query } = arrange({ selected: [] });
      const tx = { query } as unknown as EntityManager;

      // Act
      const result = service.schedule(tx, Unknown, { subjectId: 'bag-17', dueAt });

      // Assert
      await expect(result).rejects.toThrow('No handler for timer kind unknown-kind');
      expect(query).not.toHaveBeenCalled();
    });

    it('should insert a pending timer in the caller transaction when its kind has a handler', async () => {
      // Arrange
      const { service } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());
      const query = jest.fn().mockResolvedValue([]);
      const dataSource = { transaction: (work: (tx: EntityManager) => Promise<unknown>) => work({ query } as unknown as EntityManager) };
      const unitOfWork = new UnitOfWork(dataSource as unknown as DataSource);

      // Act
      const record = await unitOfWork.run((tx) =>
        service.schedule(tx, HoldExpiry, { subjectId: 'bag-17', dueAt, payload: { bagId: 'bag-17' } }),
      );

      // Assert
      expect(record).toMatchObject({
        kind: 'apheresis-hold-expiry',
        subjectId: 'bag-17',
        dueAt,
        state: 'pending',
        payload: { bagId: 'bag-17' },
      });
      expect(query).toHaveBeenCalledWith(expect.stringMatching(/INSERT INTO platform_timer/), [
        record.id,
        'apheresis-hold-expiry',
        'bag-17',
        dueAt,
        '{"bagId":"bag-17"}',
      ]);
    });
    it('should refuse a payload that does not match the definition and insert nothing', async () => {
      // Arrange
      const { service, query } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());
      const tx = { query } as unknown as EntityManager;

      // Act
      const result = service.schedule(tx, HoldExpiry, { subjectId: 'bag-17', dueAt, payload: { bagId: 17 as unknown as string } });

      // Assert
      await expect(result).rejects.toThrow(/Timer kind apheresis-hold-expiry: payload does not match its definition \(bagId: /);
      expect(query).not.toHaveBeenCalled();
    });

    it('should store a pending timer through the library when a seed has no handlers', async () => {
      // Arrange
      const query = jest.fn().mockResolvedValue([]);

      // Act
      const record = await storeTimer({ query } as unknown as EntityManager, HoldExpiry, {
        subjectId: 'bag-1',
        dueAt,
        payload: { bagId: 'bag-1' },
      });

      // Assert
      expect(query).toHaveBeenCalledWith(expect.stringMatching(/INSERT INTO platform_timer/), [
        record.id,
        'apheresis-hold-expiry',
        'bag-1',
        dueAt,
        '{"bagId":"bag-1"}',
      ]);
    });
  });

  describe('assertHandlers', () => {
    it('should stop the boot naming the kind when a defined kind has no handler', () => {
      const { service } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());
      expect(() => service.assertHandlers([HoldExpiry, Unknown])).toThrow('Timer kind(s) without an @OnTimer handler: unknown-kind');
    });

    it('should stop the boot naming the kind when a handler serves a kind the service does not list', () => {
      const { service } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());
      expect(() => service.assertHandlers([])).toThrow("Timer kind(s) handled but not in the service's timer list: apheresis-hold-expiry");
    });

    it('should pass when every defined kind has its one handler', () => {
      const { service } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());
      expect(() => service.assertHandlers([HoldExpiry])).not.toThrow();
    });
  });

  describe('reconcile', () => {
    it('should log an error and degrade readiness when a pending timer has a kind no handler serves', async () => {
      // Arrange
      const { service, logger } = arrange({ selected: [pendingRow({ kind: 'retired-kind' })] });
      service.handle(HoldExpiry, jest.fn());

      // Act
      await service.reconcile();

      // Assert
      expect(service.degradedReason()).toBe('pending timers without handler: retired-kind');
      expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ kind: 'retired-kind' }), 'TimerService');
    });

    it('should stay ready when every pending timer has a handler', async () => {
      const { service } = arrange({ selected: [pendingRow()] });
      service.handle(HoldExpiry, jest.fn());
      await service.reconcile();
      expect(service.degradedReason()).toBeUndefined();
    });
  });

  describe('handle', () => {
    it('should refuse a kind containing a colon when it is defined', () => {
      expect(() => defineTimer({ kind: 'hold:expiry', payload: z.object({}) })).toThrow(/must be lower-case words joined by '-'/);
    });

    it('should refuse a second handler when the kind already has one', () => {
      // Arrange
      const { service } = arrange({ selected: [] });
      service.handle(HoldExpiry, jest.fn());

      // Act / Assert
      expect(() => service.handle(HoldExpiry, jest.fn(), 'SecondJob.expire')).toThrow(
        'Two handlers for timer kind apheresis-hold-expiry: handler and SecondJob.expire',
      );
    });
  });
});

describe(alarmJobId.name, () => {
  const timer = { kind: 'apheresis-hold-expiry', id: timerId, dueAt };

  it('should return the same id when called twice for the same timer', () => {
    // Act
    const [a, b] = [alarmJobId(timer), alarmJobId({ ...timer, dueAt: new Date(dueAt) })];

    // Assert
    expect(a).toBe(b);
    expect(a).toContain(timerId);
  });

  it('should contain no colon when the timer is valid', () => {
    // Act
    const id = alarmJobId(timer);

    // Assert
    expect(id).not.toContain(':');
  });

  it('should change when the timer is rescheduled to another due time', () => {
    // Act
    const moved = alarmJobId({ ...timer, dueAt: new Date(dueAt.getTime() + 1_000) });

    // Assert
    expect(moved).not.toBe(alarmJobId(timer));
  });
});
