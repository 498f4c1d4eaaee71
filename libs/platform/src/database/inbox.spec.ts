import { EntityManager } from 'typeorm';
import { InboxEntry, claimInboxEntry } from './inbox';

const entry: InboxEntry = {
  eventId: '0b7f6c1e-2f0a-4a8e-9b8c-3d1f5e6a7b8c',
  consumer: 'qc-release',
  eventType: 'batch-record.order.placed',
  topic: 'mes.batch-record.order.v1',
  partition: 2,
  offset: '41',
  producer: 'batch-record',
  subject: '5b1d0c44-2f7a-4c1e-8d3b-9a6e7f0c2d13',
  sequence: 7,
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

  it('should record the producer, subject and sequence applied when a fresh entry carries a sequence', async () => {
    // Arrange
    const query = jest
      .fn()
      .mockResolvedValueOnce([{ event_id: entry.eventId }])
      .mockResolvedValue([]);

    // Act
    await claimInboxEntry({ query } as unknown as EntityManager, entry);

    // Assert
    expect(query).toHaveBeenLastCalledWith(expect.stringMatching(/INSERT INTO platform_applied_sequence/), [
      'batch-record',
      entry.subject,
      7,
      entry.eventType,
      entry.eventId,
    ]);
  });

  it('should record no sequence when the event was already handled or carries none', async () => {
    // Arrange
    const duplicate = jest.fn().mockResolvedValue([]);
    const unsequenced = jest.fn().mockResolvedValue([{ event_id: entry.eventId }]);

    // Act
    await claimInboxEntry({ query: duplicate } as unknown as EntityManager, entry);
    await claimInboxEntry({ query: unsequenced } as unknown as EntityManager, { ...entry, sequence: undefined });

    // Assert
    expect(duplicate).toHaveBeenCalledTimes(1);
    expect(unsequenced).toHaveBeenCalledTimes(1);
  });
});
