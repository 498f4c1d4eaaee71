import { EntityManager } from 'typeorm';
import { InboxEntry, claimInboxEntry } from './inbox';

const entry: InboxEntry = {
  eventId: '0b7f6c1e-2f0a-4a8e-9b8c-3d1f5e6a7b8c',
  consumer: 'qc-release',
  eventType: 'batch-record.order.placed',
  topic: 'mes.batch-record.order.v1',
  partition: 2,
  offset: '41',
};

describe(claimInboxEntry.name, () => {
  it('should return true when the insert returns the row', async () => {
    // Arrange
    const query = jest.fn().mockResolvedValue([{ event_id: entry.eventId }]);

    // Act
    const claimed = await claimInboxEntry({ query } as unknown as EntityManager, entry);

    // Assert
    expect(claimed).toBe(true);
  });

  it('should return false when the event was already recorded and the insert returns nothing', async () => {
    // Arrange
    const query = jest.fn().mockResolvedValue([]);

    // Act
    const claimed = await claimInboxEntry({ query } as unknown as EntityManager, entry);

    // Assert
    expect(claimed).toBe(false);
  });

  it('should insert the entry with ON CONFLICT DO NOTHING when claiming', async () => {
    // Arrange
    const query = jest.fn().mockResolvedValue([]);

    // Act
    await claimInboxEntry({ query } as unknown as EntityManager, entry);

    // Assert
    const [sql, params] = query.mock.calls[0];
    expect(sql).toMatch(/INSERT INTO platform_inbox[\s\S]*ON CONFLICT DO NOTHING RETURNING/);
    expect(params).toEqual([entry.eventId, 'qc-release', 'batch-record.order.placed', 'mes.batch-record.order.v1', 2, '41']);
  });
});
