import { randomUUID } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { UnitOfWork, onCommit } from '../database/data-source';
import { ScheduleTimer, Timer, TimerDefinition, TimerHandler, TimerOf } from './timer-definition';

/** A stored timer as the table holds it (payload not yet checked against its definition). */
export type TimerRecord = Timer;

export interface TimerServiceOptions {
  queueName: string;
  redisUrl: string;
  reconcileIntervalMs: number;
  /** Alarms are queued in Redis only for timers due within this many real hours; the reconciler queues the rest later. */
  horizonHours: number;
}

interface TimerRow {
  id: string;
  kind: string;
  subject_id: string;
  due_at: Date;
  state: TimerRecord['state'];
  payload: Record<string, unknown>;
}

const toRecord = (r: TimerRow): TimerRecord => ({
  id: r.id,
  kind: r.kind,
  subjectId: r.subject_id,
  dueAt: new Date(r.due_at),
  state: r.state,
  payload: r.payload,
});

/** Deterministic, colon-free, and includes the due time so that a rescheduled timer is a new job. */
export const alarmJobId = (t: Pick<TimerRecord, 'kind' | 'id' | 'dueAt'>) => `${t.kind}-${t.id}-${t.dueAt.getTime()}`;

/**
 * Durable timers. Postgres holds the due time and state; a BullMQ delayed job only wakes the service. The
 * reconciler re-creates alarms Redis lost and fires overdue timers at once. A timer fires at most once: the
 * row is locked, checked and marked fired in the same transaction as the handler's effects.
 */
export class TimerService {
  private readonly handlers = new Map<string, { definition: TimerDefinition; handler: TimerHandler; owner: string }>();
  /** Pending kinds the reconciler found with no handler: readiness reports them until a deploy handles them. */
  private readonly orphanKinds = new Set<string>();
  private queue?: Queue;
  private worker?: Worker;
  private reconcileTimer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly logger: LoggerService,
    private readonly options: TimerServiceOptions,
  ) {}

  /** Declares what happens when a timer of this kind falls due (an @OnTimer method, found at boot); a second handler throws. */
  handle<D extends TimerDefinition>(definition: D, handler: TimerHandler<D>, owner = 'handler'): void {
    const existing = this.handlers.get(definition.kind);
    if (existing) throw new Error(`Two handlers for timer kind ${definition.kind}: ${existing.owner} and ${owner}`);
    this.handlers.set(definition.kind, { definition, handler: handler as TimerHandler, owner });
  }

  /** The boot check: every kind this service defines has exactly one handler, and no handler serves a kind it does not define. */
  assertHandlers(defined: readonly TimerDefinition[]): void {
    const kinds = new Set(defined.map((d) => d.kind));
    const missing = [...kinds].filter((k) => !this.handlers.has(k));
    const unlisted = [...this.handlers.keys()].filter((k) => !kinds.has(k));
    if (missing.length)
      throw new Error(`Timer kind(s) without an @OnTimer handler: ${missing.join(', ')}; a timer of that kind would never fire`);
    if (unlisted.length) throw new Error(`Timer kind(s) handled but not in the service's timer list: ${unlisted.join(', ')}`);
  }

  /** Creates a pending timer in the caller's transaction, its payload checked against the definition. At most one pending timer per (kind, subject). */
  async schedule<D extends TimerDefinition>(tx: EntityManager, definition: D, timer: ScheduleTimer<D>): Promise<TimerOf<D>> {
    if (this.handlers.get(definition.kind)?.definition !== definition) throw new Error(`No handler for timer kind ${definition.kind}`);
    const record = await storeTimer(tx, definition, timer);
    // The alarm is set after commit; if this process dies first, the reconciler sets it.
    onCommit(tx, () => this.setAlarm(record as TimerRecord));
    return record;
  }

  /** Cancels the pending timer of this kind and subject, if any, because its reason went away. */
  async cancel(tx: EntityManager, definition: TimerDefinition, subjectId: string, reason: string): Promise<number> {
    const rows: TimerRow[] = await tx.query(
      `UPDATE platform_timer SET state = 'cancelled', cancelled_at = $3, cancel_reason = $4
       WHERE kind = $1 AND subject_id = $2 AND state = 'pending' RETURNING *`,
      [definition.kind, subjectId, this.clock.now(), reason],
    );
    return rows.length;
  }

  /** Why readiness is degraded, if it is: pending timers whose kind no handler of this deploy serves. */
  degradedReason(): string | undefined {
    return this.orphanKinds.size ? `pending timers without handler: ${[...this.orphanKinds].join(', ')}` : undefined;
  }

  /** Runs the handler of a stored timer with its payload parsed again: a row changed since scheduling fails loudly, not silently. */
  protected async runHandler(tx: EntityManager, timer: TimerRecord): Promise<void> {
    const entry = this.handlers.get(timer.kind);
    if (!entry) throw new Error(`No handler for timer kind ${timer.kind}`);
    await entry.handler(tx, { ...timer, payload: parsePayload(entry.definition, timer.payload) });
  }

  async start(roles: { worker: boolean }): Promise<void> {
    const connection = { url: this.options.redisUrl, maxRetriesPerRequest: null };
    // Adding an alarm fails fast while Redis is down (the reconciler re-adds it); the worker waits patiently.
    this.queue = new Queue(this.options.queueName, {
      connection: { url: this.options.redisUrl, maxRetriesPerRequest: 1, enableOfflineQueue: false },
    });
    await this.queue.waitUntilReady();
    if (!roles.worker) return;
    this.worker = new Worker(this.options.queueName, (job: Job<{ timerId: string }>) => this.fire(job.data.timerId), {
      connection,
      concurrency: 4,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.error({ msg: 'timer job failed', jobId: job?.id, error: String(error) }, 'TimerService'),
    );
    await this.reconcile();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.options.reconcileIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await this.reconciling;
    await this.worker?.close();
    await this.queue?.close();
  }

  /** Queues alarms for pending timers within the horizon (idempotent per job id) and fires overdue ones. */
  reconcile(): Promise<void> {
    if (this.reconciling) return this.reconciling;
    this.reconciling = this.doReconcile()
      .catch((error) => this.logger.error({ msg: 'timer reconcile failed', error: String(error) }, 'TimerService'))
      .finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async doReconcile(): Promise<void> {
    const horizon = new Date(this.clock.now().getTime() + this.options.horizonHours * 3_600_000 * this.clock.factor);
    const rows: TimerRow[] = await this.unitOfWork.run((tx) =>
      tx.query(`SELECT * FROM platform_timer WHERE state = 'pending' AND due_at <= $1 ORDER BY due_at LIMIT 5000`, [horizon]),
    );
    for (const row of rows) {
      const timer = toRecord(row);
      if (!this.handlers.has(timer.kind)) {
        // Never only logged: readiness stays degraded until a deploy handles the kind (the boot check covers defined kinds).
        this.orphanKinds.add(timer.kind);
        this.logger.error({ msg: 'pending timer has no handler: it will not fire', kind: timer.kind, timerId: timer.id }, 'TimerService');
        continue;
      }
      await this.setAlarm(timer);
    }
  }

  private async setAlarm(timer: TimerRecord, jobIdSuffix = ''): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    const delay = this.clock.realDelayUntil(timer.dueAt);
    if (delay > this.options.horizonHours * 3_600_000) return;
    try {
      // Same job id as an alarm already queued: BullMQ ignores the duplicate.
      await queue.add(
        timer.kind,
        { timerId: timer.id },
        {
          jobId: alarmJobId(timer) + jobIdSuffix,
          delay,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    } catch (error) {
      this.logger.warn(
        { msg: 'could not set timer alarm; the reconciler will retry', timerId: timer.id, error: String(error) },
        'TimerService',
      );
    }
  }

  /** Fires a timer if it is still pending and due; returns whether it fired. Safe to call twice. */
  async fire(timerId: string): Promise<boolean> {
    let notYetDue: TimerRecord | undefined;
    const fired = await this.unitOfWork.run(async (tx) => {
      const rows: TimerRow[] = await tx.query(`SELECT * FROM platform_timer WHERE id = $1 AND state = 'pending' FOR UPDATE SKIP LOCKED`, [
        timerId,
      ]);
      if (rows.length === 0) return false;
      const timer = toRecord(rows[0]);
      if (timer.dueAt.getTime() > this.clock.now().getTime()) {
        notYetDue = timer;
        return false;
      }
      await this.runHandler(tx, timer);
      await tx.query(`UPDATE platform_timer SET state = 'fired', fired_at = $2 WHERE id = $1`, [timer.id, this.clock.now()]);
      return true;
    });
    // The running job owns the normal id, so a re-arm needs its own or BullMQ would drop it as a duplicate.
    if (notYetDue) await this.setAlarm(notYetDue, `-rearm-${Date.now()}`);
    if (fired) this.logger.log({ msg: 'timer fired', timerId }, 'TimerService');
    return fired;
  }
}

/** A pending timer as `schedule` stores it, or an error naming the kind when the payload does not match its definition. */
export function newTimer<D extends TimerDefinition>(definition: D, timer: ScheduleTimer<D>): TimerOf<D> {
  const payload = parsePayload(definition, (timer as { payload?: unknown }).payload ?? {});
  return { id: randomUUID(), kind: definition.kind, subjectId: timer.subjectId, dueAt: timer.dueAt, state: 'pending', payload };
}

/**
 * Stores a pending timer without setting its alarm: for processes with no timer handlers (seeds, migrations); the
 * service's reconciler sets the alarm when it starts. Services schedule through `TimerService.schedule`.
 */
export async function storeTimer<D extends TimerDefinition>(
  tx: EntityManager,
  definition: D,
  timer: ScheduleTimer<D>,
): Promise<TimerOf<D>> {
  const record = newTimer(definition, timer);
  await tx.query(`INSERT INTO platform_timer (id, kind, subject_id, due_at, state, payload) VALUES ($1, $2, $3, $4, 'pending', $5)`, [
    record.id,
    record.kind,
    record.subjectId,
    record.dueAt,
    JSON.stringify(record.payload),
  ]);
  return record;
}

function parsePayload<D extends TimerDefinition>(definition: D, payload: unknown): TimerOf<D>['payload'] {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new Error(`Timer kind ${definition.kind}: payload does not match its definition (${issues})`);
  }
  return parsed.data as TimerOf<D>['payload'];
}
