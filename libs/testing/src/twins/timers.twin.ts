import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Clock, ScheduleTimer, TimerHandler, TimerRecord, TimerService, UnitOfWork, onCommit } from '@mes/platform';
import { UnitOfWorkTwin, without } from './unit-of-work.twin';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * TimerService without Redis or Postgres: schedule and cancel follow the caller's transaction (the unit-of-work
 * twin's, or a real one in a medium spec), and `fireDue(now)` fires every pending timer due by then through its
 * registered handler, each in its own run.
 */
export class TimersTwin extends TimerService {
  readonly timers: TimerRecord[] = [];
  private readonly kinds = new Map<string, TimerHandler>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly time: Clock,
  ) {
    super(uow, time, silent, { queueName: 'twin', redisUrl: 'redis://twin', reconcileIntervalMs: 0, horizonHours: 0 });
  }

  override handle(kind: string, handler: TimerHandler): void {
    if (this.kinds.has(kind)) throw new Error(`Two handlers for timer kind ${kind}`);
    this.kinds.set(kind, handler);
  }

  override async schedule(tx: EntityManager, timer: ScheduleTimer): Promise<TimerRecord> {
    const record: TimerRecord = { id: randomUUID(), state: 'pending', payload: {}, ...structuredClone(timer) };
    this.follow(
      tx,
      () => this.timers.push(record),
      () => without(this.timers, record),
    );
    return record;
  }

  override async cancel(tx: EntityManager, kind: string, subjectId: string, _reason?: string): Promise<number> {
    const hits = this.pending(kind).filter((t) => t.subjectId === subjectId);
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
    const handler = this.kinds.get(timer.kind);
    if (!handler) throw new Error(`No handler for timer kind ${timer.kind}`);
    await this.uow.run(async (tx) => {
      await handler(tx, timer);
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
