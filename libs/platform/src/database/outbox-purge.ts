import { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OutboxPurgeOptions {
  outboxRetentionHours: number;
  /** Longer than Kafka keeps messages (checked at boot), so a redelivered event still finds its id. */
  inboxRetentionDays: number;
  intervalMs: number;
  /** Rows deleted per statement, so a purge never holds long locks. */
  batchSize?: number;
}

/** Deletes published outbox rows and old inbox ids on a schedule (worker). Unpublished and abandoned rows are never touched. */
export class OutboxPurge {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: LoggerService,
    private readonly options: OutboxPurgeOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.purge()
      .then((purged) => {
        if (purged.outbox + purged.inbox > 0) this.logger.log({ msg: 'purged messaging rows', ...purged }, 'OutboxPurge');
      })
      .catch((error) => this.logger.warn({ msg: 'purge failed; will retry', error: String(error) }, 'OutboxPurge'))
      .finally(() => (this.running = undefined));
  }

  /** Purges everything past its retention, a batch at a time; returns the number of rows deleted from each table. */
  async purge(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.deleteAll(
      `WITH gone AS (DELETE FROM platform_outbox WHERE seq IN (
         SELECT seq FROM platform_outbox WHERE published_at IS NOT NULL AND published_at < now() - $1 * interval '1 hour' LIMIT $2
       ) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      this.options.outboxRetentionHours,
    );
    const inbox = await this.deleteAll(
      `WITH gone AS (DELETE FROM platform_inbox WHERE ctid IN (
         SELECT ctid FROM platform_inbox WHERE processed_at < now() - $1 * interval '1 day' LIMIT $2
       ) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      this.options.inboxRetentionDays,
    );
    return { outbox, inbox };
  }

  private async deleteAll(sql: string, retention: number): Promise<number> {
    const batchSize = this.options.batchSize ?? 5_000;
    let total = 0;
    for (;;) {
      const [{ n }]: { n: number }[] = await this.dataSource.query(sql, [retention, batchSize]);
      total += n;
      if (n < batchSize || this.stopped) return total;
    }
  }
}
