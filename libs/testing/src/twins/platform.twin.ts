import { EntityManager } from 'typeorm';
import { AuditRecorder } from './audit.recorder';
import { FakeClock } from './fake-clock';
import { OutboxRecorder } from './outbox.recorder';
import { TimersTwin } from './timers.twin';
import { UnitOfWorkTwin, twinManager } from './unit-of-work.twin';

/**
 * The platform in memory for a service's unit spec: one clock, a unit of work that rolls back on throw,
 * and the outbox, audit trail and timers that follow it. Pass the parts to the service's constructor.
 */
export function platformTwin(options: { now?: string | Date; producer?: string; tickMs?: number } = {}) {
  const clock = new FakeClock(new Date(options.now ?? '2026-03-01T08:00:00.000Z'), options.tickMs);
  const uow = new UnitOfWorkTwin();
  return {
    clock,
    uow,
    outbox: new OutboxRecorder(uow, clock, options.producer),
    audit: new AuditRecorder(uow, clock),
    timers: new TimersTwin(uow, clock),
    /** A transaction handle for calling a method that takes the caller's `tx` directly (its changes stand). */
    tx: twinManager() as EntityManager,
  };
}

export type PlatformTwin = ReturnType<typeof platformTwin>;
