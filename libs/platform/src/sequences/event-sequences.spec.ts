import { DataSource, EntityManager } from 'typeorm';
import { EventSequences, missingRanges } from './event-sequences';

describe(EventSequences.name, () => {
  // Answers each of the three tables the head reads from, as Postgres returns them (counts and sequences as text).
  function arrange(pendingDeadLetters: string) {
    const query = jest.fn(async (sql: string, _params: unknown[]) => {
      if (sql.includes('platform_aggregate_sequence')) return [{ last_sequence: '4' }];
      if (sql.includes('platform_applied_sequence')) return [{ producer: 'batch-record', sequence: '9' }];
      if (sql.includes('platform_dead_letter')) return [{ pending: pendingDeadLetters }];
      throw new Error(`unexpected query ${sql}`);
    });
    const manager = { query } as unknown as EntityManager;
    return { sequences: new EventSequences({ query, manager } as unknown as DataSource), query };
  }

  it('should say in the head how many pending dead letters this service holds for the subject', async () => {
    // Arrange
    const { sequences, query } = arrange('1');

    // Act
    const head = await sequences.head('inventory', 'b-1');

    // Assert
    expect(head).toEqual({ subject: 'b-1', producer: 'inventory', sequence: 4, applied: { 'batch-record': 9 }, pendingDeadLetters: 1 });
    const [sql, params] = query.mock.calls.find(([q]) => q.includes('platform_dead_letter'))!;
    expect(sql).toMatch(/message_key = \$1 AND state = 'pending'/);
    expect(params).toEqual(['b-1']);
  });

  it('should answer 0 pending dead letters when there are none', async () => {
    expect((await arrange('0').sequences.head('inventory', 'b-1')).pendingDeadLetters).toBe(0);
  });
});

describe(missingRanges.name, () => {
  it('should find nothing when every sequence up to the limit is present', () => {
    expect(missingRanges([1, 2, 3], 3)).toEqual([]);
  });

  it('should name each gap and the missing tail', () => {
    expect(missingRanges([1, 2, 5], 7)).toEqual([
      [3, 4],
      [6, 7],
    ]);
  });

  it('should name everything when nothing was applied', () => {
    expect(missingRanges([], 2)).toEqual([[1, 2]]);
  });

  it('should find nothing when nothing exists yet', () => {
    expect(missingRanges([], 0)).toEqual([]);
  });

  it('should ignore sequences beyond the limit', () => {
    expect(missingRanges([2, 9], 3)).toEqual([
      [1, 1],
      [3, 3],
    ]);
  });
});
