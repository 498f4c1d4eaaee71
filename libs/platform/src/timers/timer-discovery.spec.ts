import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { FakeClock } from '@mes/testing';
import { UnitOfWork } from '../database/data-source';
import { OnTimer, TimerDefinition, TimerOf, defineTimer } from './timer-definition';
import { TimerHandlerDiscovery } from './timer-discovery';
import { TimerService } from './timer.service';

const HoldExpiry = defineTimer({ kind: 'hold-expiry', payload: z.object({}).strict() });
const HoldWarning = defineTimer({ kind: 'hold-warning', payload: z.object({}).strict() });

class ExpiryJob {
  readonly expired: string[] = [];
  @OnTimer(HoldExpiry)
  async expire(_tx: EntityManager, timer: TimerOf<typeof HoldExpiry>): Promise<void> {
    this.expired.push(timer.subjectId);
  }
}

class SecondExpiryJob {
  @OnTimer(HoldExpiry)
  async alsoExpire(): Promise<void> {}
}

const pendingRow = {
  id: 't-1',
  kind: 'hold-expiry',
  subject_id: 'bag-7',
  due_at: new Date('2026-01-01T00:00:00Z'),
  state: 'pending',
  payload: {},
};

function boot(providers: object[], defined: readonly TimerDefinition[] = [HoldExpiry]) {
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const query = jest.fn(async (sql: string) => (sql.startsWith('SELECT') ? [pendingRow] : []));
  const uow = new UnitOfWork({
    transaction: (work: (tx: EntityManager) => unknown) => work({ query } as unknown as EntityManager),
  } as never);
  const timers = new TimerService(uow, new FakeClock(new Date('2026-01-02T00:00:00Z')), logger, {
    queueName: 'q',
    redisUrl: 'redis://unused',
    reconcileIntervalMs: 1,
    horizonHours: 1,
  });
  const discovery = { getProviders: () => [...providers, undefined].map((instance) => ({ instance })) } as unknown as DiscoveryService;
  const init = () => new TimerHandlerDiscovery(discovery, new MetadataScanner(), timers, defined).onModuleInit();
  return { timers, init };
}

describe(TimerHandlerDiscovery.name, () => {
  it('should register the @OnTimer method of a provider bound to its instance when the boot finds it', async () => {
    // Arrange
    const job = new ExpiryJob();
    const { timers, init } = boot([job, { unrelated: true }]);

    // Act
    init();
    const fired = await timers.fire('t-1');

    // Assert
    expect(fired).toBe(true);
    expect(job.expired).toEqual(['bag-7']);
  });

  it('should stop the boot naming the kind when a defined kind has no handler', () => {
    const { init } = boot([new ExpiryJob()], [HoldExpiry, HoldWarning]);
    expect(init).toThrow('Timer kind(s) without an @OnTimer handler: hold-warning');
  });

  it('should stop the boot naming both methods when a kind has two handlers', () => {
    const { init } = boot([new ExpiryJob(), new SecondExpiryJob()]);
    expect(init).toThrow('Two handlers for timer kind hold-expiry: ExpiryJob.expire and SecondExpiryJob.alsoExpire');
  });

  it('should count one provider once when it is registered under two tokens', () => {
    const job = new ExpiryJob();
    const { init } = boot([job, job]);
    expect(init).not.toThrow();
  });
});
