import { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { SystemClock } from '../clock/clock';
import { UnitOfWork } from '../database/data-source';
import { DeadLetterError, DeadLetterOperations } from './dead-letter-operations';
import { DeadLetter, DeadLetterRepository } from './dead-letters';
import { EventTransport } from './event-transport';

const ID = '0b9c2f4e-3d1a-4e5b-8c7d-6f5e4d3c2b1a';
const TX = {} as EntityManager;
const admin = { id: 'admin', name: 'admin' };

const stored = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  id: ID,
  consumer: 'qc-release',
  topic: 'mes.inventory.lot.v1',
  partition: 1,
  offset: '42',
  key: 'lot-1',
  value: '{"eventId":"x"}',
  headers: { 'event-type': 'inventory.lot.misuse-detected' },
  eventType: 'inventory.lot.misuse-detected',
  eventVersion: 1,
  reason: 'blocker storage disabled',
  detail: '',
  attempts: 5,
  state: 'pending',
  recordedAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
  resolutionReason: null,
  ...overrides,
});

function arrange(deadLetter: DeadLetter | null = stored()) {
  const repository = { lock: jest.fn(async () => deadLetter), resolve: jest.fn(async () => undefined), list: jest.fn() };
  const transport = { applyInTransaction: jest.fn(async () => 'applied' as const) };
  const audit = { append: jest.fn(async () => undefined) };
  const unitOfWork = { run: <T>(work: (tx: EntityManager) => Promise<T>) => work(TX) };
  const ops = new DeadLetterOperations(
    unitOfWork as unknown as UnitOfWork,
    repository as unknown as DeadLetterRepository,
    transport as unknown as EventTransport,
    audit as unknown as AuditTrail,
    new SystemClock(),
  );
  return { ops, repository, transport, audit };
}

describe(DeadLetterOperations.name, () => {
  it('should apply the stored message through the transport, then mark it replayed and audit who and why in the same transaction', async () => {
    const { ops, repository, transport, audit } = arrange();

    const { outcome } = await ops.replay(ID, admin, 'trigger removed');

    expect(outcome).toBe('applied');
    expect(transport.applyInTransaction).toHaveBeenCalledWith(TX, {
      topic: 'mes.inventory.lot.v1',
      partition: 1,
      offset: '42',
      key: 'lot-1',
      value: '{"eventId":"x"}',
      headers: { 'event-type': 'inventory.lot.misuse-detected' },
    });
    expect(repository.resolve).toHaveBeenCalledWith(TX, ID, 'replayed', 'admin', 'trigger removed', expect.any(Date));
    expect(audit.append).toHaveBeenCalledWith(TX, {
      actor: admin,
      action: 'update',
      entity: 'dead-letter',
      entityId: ID,
      oldValue: { state: 'pending' },
      newValue: { state: 'replayed', outcome: 'applied' },
      reason: 'trigger removed',
    });
  });

  it('should leave the dead letter pending and unaudited when the replay fails again', async () => {
    const { ops, repository, transport, audit } = arrange();
    transport.applyInTransaction.mockRejectedValue(new Error('blocker storage disabled'));

    await expect(ops.replay(ID, admin, 'too early')).rejects.toThrow('blocker storage disabled');

    expect(repository.resolve).not.toHaveBeenCalled();
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('should refuse to replay or discard a dead letter that is already resolved, naming who resolved it', async () => {
    const { ops, transport, audit } = arrange(stored({ state: 'discarded', resolvedBy: 'qa', resolutionReason: 'duplicate' }));

    await expect(ops.replay(ID, admin, 'again')).rejects.toThrow(
      new DeadLetterError(`Dead letter ${ID} is already discarded (by qa: duplicate)`),
    );
    await expect(ops.discard(ID, admin, 'again')).rejects.toThrow(DeadLetterError);

    expect(transport.applyInTransaction).not.toHaveBeenCalled();
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('should refuse an id that is not a UUID or not known, without touching anything', async () => {
    const { ops, repository } = arrange(null);

    await expect(ops.discard('42', admin, 'x')).rejects.toThrow("'42' is not a dead-letter id (a UUID)");
    expect(repository.lock).not.toHaveBeenCalled();
    await expect(ops.discard(ID, admin, 'x')).rejects.toThrow(`No dead letter ${ID}`);
    expect(repository.resolve).not.toHaveBeenCalled();
  });

  it('should mark a discarded dead letter with who and why and audit it', async () => {
    const { ops, repository, audit, transport } = arrange();

    await ops.discard(ID, admin, 'producer rolled back');

    expect(transport.applyInTransaction).not.toHaveBeenCalled();
    expect(repository.resolve).toHaveBeenCalledWith(TX, ID, 'discarded', 'admin', 'producer rolled back', expect.any(Date));
    expect(audit.append).toHaveBeenCalledWith(
      TX,
      expect.objectContaining({ newValue: { state: 'discarded' }, reason: 'producer rolled back' }),
    );
  });
});
