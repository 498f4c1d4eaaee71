import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { OutboxAdmin, OutboxAdminError } from './outbox-admin';

function arrange(row: { attempts: number; abandoned_at: Date | null } | undefined) {
  const query = jest.fn(async (sql: string) =>
    sql.includes('FOR UPDATE') && row ? [{ ...row, last_error: 'MESSAGE_TOO_LARGE', event_type: 'x.y.z', message_key: 'batch-1' }] : [],
  );
  const tx = { query };
  const dataSource = { transaction: jest.fn((work: (t: unknown) => Promise<unknown>) => work(tx)) } as unknown as DataSource;
  const audit = { append: jest.fn().mockResolvedValue(undefined) } as unknown as AuditTrail;
  return { admin: new OutboxAdmin(dataSource, audit), query, audit, tx };
}

const decision = { by: 'admin', reason: 'broker limit raised to 4 MB' };

describe(OutboxAdmin.name, () => {
  it('should reset the attempts of an abandoned row and audit who and why when retried', async () => {
    // Arrange
    const { admin, query, audit, tx } = arrange({ attempts: 5, abandoned_at: new Date('2026-06-01T12:00:00Z') });

    // Act
    await admin.retry('42', decision);

    // Assert
    expect(query).toHaveBeenCalledWith(
      expect.stringMatching(/UPDATE platform_outbox SET attempts = 0, abandoned_at = NULL WHERE seq = \$1/),
      ['42'],
    );
    expect(audit.append).toHaveBeenCalledWith(
      tx,
      expect.objectContaining({
        actor: { id: 'admin', name: 'admin' },
        entity: 'platform-outbox-row',
        entityId: '42',
        reason: 'retry: broker limit raised to 4 MB',
      }),
    );
  });

  it('should mark the row discarded and audit it when discarded', async () => {
    // Arrange
    const { admin, query, audit } = arrange({ attempts: 5, abandoned_at: new Date('2026-06-01T12:00:00Z') });

    // Act
    await admin.discard('42', decision);

    // Assert
    expect(query).toHaveBeenCalledWith(expect.stringMatching(/SET discarded_at = now\(\) WHERE seq = \$1/), ['42']);
    expect(audit.append).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ reason: 'discard: broker limit raised to 4 MB' }),
    );
  });

  it('should refuse a retry and change nothing when the row is not abandoned', async () => {
    // Arrange
    const { admin, query, audit } = arrange({ attempts: 2, abandoned_at: null });

    // Act
    const result = admin.retry('42', decision);

    // Assert
    await expect(result).rejects.toThrow(OutboxAdminError);
    expect(query.mock.calls.some(([sql]) => sql.startsWith('UPDATE'))).toBe(false);
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('should refuse a change without who and why before touching the database', async () => {
    // Arrange
    const { admin, query } = arrange({ attempts: 5, abandoned_at: new Date() });

    // Act
    const result = admin.discard('42', { by: 'admin', reason: ' ' });

    // Assert
    await expect(result).rejects.toThrow('--by and --reason are required');
    expect(query).not.toHaveBeenCalled();
  });

  it('should refuse a row that is not waiting', async () => {
    // Arrange
    const { admin } = arrange(undefined);

    // Act
    const result = admin.discard('42', decision);

    // Assert
    await expect(result).rejects.toThrow(/is not waiting/);
  });
});
