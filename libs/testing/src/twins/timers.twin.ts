import { EntityManager } from 'typeorm';
import { Clock, ScheduleTimer, TimerDefinition, TimerOf, TimerRecord, TimerService, UnitOfWork, newTimer, onCommit } from '@mes/platform';
import { UnitOfWorkTwin, without } from './unit-of-work.twin';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * TimerService without Redis or Postgres: payloads are checked against their definitions as in production (at
 * schedule and at fire time); schedule and cancel follow the caller's transaction (the unit-of-work twin's, or a
 * real one in a medium spec), and `fireDue(now)` fires every pending timer due by then through its registered
 * handler, each in its own run (a spec that only schedules needs none).
 */
export class TimersTwin extends TimerService {
  readonly timers: TimerRecord[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: Clock,
  ) {
    super(uow, time, silent, { queueName: 'twin', redisUrl: 'redis://twin', reconcileIntervalMs: 0, horizonHours: 0 });
  }

  override async schedule<D extends TimerDefinition>(tx: EntityManager, definition: D, timer: ScheduleTimer<D>): Promise<TimerOf<D>> {
    const record = newTimer(definition, timer);
    const stored = structuredClone(record) as TimerRecord;
    this.follow(
      tx,
      () => this.timers.push(stored),
      () => without(this.timers, stored),
    );
    return record;
  }

  override async cancel(tx: EntityManager, definition: TimerDefinition, subjectId: string, _reason?: string): Promise<number> {
    const hits = this.pending(definition.kind).filter((t) => t.subjectId === subjectId);
    for (const t of hits) this.setState(tx, t, 'cancelled');
    return hits.length;
  }

  override async start(): Promise<void> {}
  override async stop(): Promise<void> {}
  override async reconcile(): Promise<void> {}

  override async fire(timerId: string): Promise<boolean> {
    const timer = this.timers.find((t) => t.id === timerId && t.state === 'pending');
    if (!timer || timer.dueAt.getTime() > this.time.now().getTime()) return false;
    await this.fireOne(timer);
    return true;
  }

  /** Fires, in due order, every pending timer due at `now` (the clock's now by default); returns those fired. */
  async fireDue(now: Date = this.time.now()): Promise<TimerRecord[]> {
    const due = this.pending()
      .filter((t) => t.dueAt.getTime() <= now.getTime())
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    for (const timer of due) await this.fireOne(timer);
    return due;
  }

  pending(kind?: string): TimerRecord[] {
    return this.timers.filter((t) => t.state === 'pending' && (kind === undefined || t.kind === kind));
  }

  /** Like production: the handler's effects and the firing commit together, and a kind without handler fails. */
  private async fireOne(timer: TimerRecord): Promise<void> {
    await this.uow.run(async (tx) => {
      await this.runHandler(tx, timer);
      this.setState(tx, timer, 'fired');
    });
  }

  private setState(tx: EntityManager, timer: TimerRecord, state: TimerRecord['state']): void {
    const before = timer.state;
    this.follow(
      tx,
      () => (timer.state = state),
      () => (timer.state = before),
    );
  }

  /** A change takes effect with its transaction: at once with an undo under the twin, on commit under a real unit of work. */
  private follow(tx: EntityManager, change: () => void, undo: () => void): void {
    if (this.uow instanceof UnitOfWorkTwin) {
      change();
      this.uow.onRollback(tx, undo);
      return;
    }
    try {
      onCommit(tx, change);
    } catch {
      change(); // not a UnitOfWork transaction: nothing to wait for
    }
  }
}
