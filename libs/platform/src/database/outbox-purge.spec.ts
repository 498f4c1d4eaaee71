import { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxPurge } from './outbox-purge';

function arrange(deleted: { outbox: number[]; inbox: number[] }) {
  const query = jest.fn(async (sql: string) => [{ n: (sql.includes('platform_outbox') ? deleted.outbox : deleted.inbox).shift() ?? 0 }]);
  const logger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
  const purge = new OutboxPurge({ query } as unknown as DataSource, logger, {
    outboxRetentionHours: 72,
    inboxRetentionDays: 30,
    intervalMs: 3_600_000,
    batchSize: 2,
  });
  return { purge, query };
}

describe(OutboxPurge.name, () => {
  it('should delete only published outbox rows older than the outbox retention', async () => {
    // Arrange
    const { purge, query } = arrange({ outbox: [1], inbox: [0] });

    // Act
    await purge.purge();

    // Assert
    const [sql, params] = query.mock.calls.find(([s]) => s.includes('platform_outbox')) as unknown as [string, unknown[]];
    expect(sql).toMatch(/published_at IS NOT NULL AND published_at < now\(\) - \$1 \* interval '1 hour'/);
    expect(sql).not.toMatch(/abandoned_at|discarded_at/);
    expect(params).toEqual([72, 2]);
  });

  it('should delete inbox ids processed longer ago than the inbox retention', async () => {
    // Arrange
    const { purge, query } = arrange({ outbox: [0], inbox: [1] });

    // Act
    await purge.purge();

    // Assert
    const [sql, params] = query.mock.calls.find(([s]) => s.includes('platform_inbox')) as unknown as [string, unknown[]];
    expect(sql).toMatch(/processed_at < now\(\) - \$1 \* interval '1 day'/);
    expect(params).toEqual([30, 2]);
  });

  it('should keep deleting a batch at a time until a batch comes back short', async () => {
    // Arrange
    const { purge, query } = arrange({ outbox: [2, 2, 1], inbox: [2, 0] });

    // Act
    const purged = await purge.purge();

    // Assert
    expect(purged).toEqual({ outbox: 5, inbox: 2 });
    expect(query).toHaveBeenCalledTimes(5);
  });
});
