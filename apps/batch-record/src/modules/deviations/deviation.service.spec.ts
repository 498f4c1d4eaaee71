import { DeviationChangedV1 } from '@mes/contracts';
import { AuthUser } from '@mes/platform';
import { automock, platformTwin } from '@mes/testing';
import { BatchLock } from '../batch-lock/batch-lock';
import { BATCH_ID, OPERATOR, QA, SUPERVISOR, aBatch, aStep } from '../batches/batch.fakes';
import { SignatureService } from '../signatures/signature.service';
import { DeviationEntity } from './deviation.entity';
import { DeviationRepository } from './deviation.repository';
import { DeviationService } from './deviation.service';

const SIGN = { password: 'pw' };

/** The deviation table in memory; the unit of work puts it back when a transaction throws. */
function deviationTable() {
  let rows = new Map<string, DeviationEntity>();
  let counter = 0;
  const table = {
    get rows() {
      return rows;
    },
    snapshot: () => ({ rows: new Map([...rows].map(([id, d]) => [id, { ...d }])), counter }),
    restore: (s: { rows: Map<string, DeviationEntity>; counter: number }) => ((rows = s.rows), (counter = s.counter)),
  };
  const repository = automock(DeviationRepository, {
    nextNumber: async (_tx, year) => `DEV-${year}-${String(++counter).padStart(4, '0')}`,
    insert: async (_tx, d) => void rows.set(d.id, { ...d }),
    save: async (_tx, d) => void rows.set(d.id, { ...d }),
    findById: async (id) => (rows.has(id) ? { ...rows.get(id)! } : null),
    findByIdForUpdate: async (_tx, id) => (rows.has(id) ? { ...rows.get(id)! } : null),
  });
  return { table, repository };
}

function setup() {
  const p = platformTwin({ now: '2026-03-02T10:00:00.000Z', producer: 'batch-record' });
  const { table, repository } = deviationTable();
  p.uow.track(table);
  const batch = aBatch();
  const batchLock = automock(BatchLock, {
    lock: async () => batch,
    lockWithSteps: async () => ({ batch, steps: [aStep('SEED', 1), aStep('FEED', 2)] }),
  });
  const signatures = automock(SignatureService, {
    verify: async (token) => ({ token }) as never,
    record: async () => ({}) as never,
    forSubjects: async () => [],
  });
  const service = new DeviationService(p.uow, p.clock, p.audit, p.outbox, repository, signatures, batchLock);
  const openOne = (classification: 'minor' | 'major' | 'critical' = 'major', by: AuthUser = SUPERVISOR) =>
    service.openManual(by, BATCH_ID, {
      stepCode: 'FEED',
      classification,
      title: 'Incubator door left open',
      description: 'Found open at 09:40',
    });
  return { ...p, service, table, signatures, batchLock, openOne };
}

describe(DeviationService.name, () => {
  describe('openManual', () => {
    it('should number the deviation, announce it keyed by its batch and audit it when a supervisor opens one', async () => {
      // Arrange
      const { openOne, outbox, audit, batchLock } = setup();

      // Act
      const view = await openOne();

      // Assert
      expect(view).toMatchObject({ number: 'DEV-2026-0001', state: 'open', source: 'manual', classification: 'major', stepCode: 'FEED' });
      expect(batchLock.lockWithSteps).toHaveBeenCalledWith(expect.anything(), BATCH_ID);
      expect(outbox.recorded.map((e) => [e.type, e.subject])).toEqual([[DeviationChangedV1.type, BATCH_ID]]);
      expect(audit.of('deviation', view.id)).toEqual([expect.objectContaining({ action: 'create', actor: SUPERVISOR })]);
    });

    it('should refuse with 422 unknown-step and keep the number unused when the step is not one of the batch', async () => {
      // Arrange
      const { service, table, outbox } = setup();

      // Act
      const attempt = service.openManual(SUPERVISOR, BATCH_ID, { stepCode: 'NOPE', classification: 'minor', title: 't', description: 'd' });

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 422, code: 'unknown-step' });
      expect(table.rows.size).toBe(0);
      expect(outbox.recorded).toEqual([]);
    });
  });

  describe('update', () => {
    it('should refuse with 422 classification-qa-only and change nothing when a supervisor reclassifies', async () => {
      // Arrange
      const { openOne, service, table, outbox } = setup();
      const { id } = await openOne();

      // Act
      const attempt = service.update(SUPERVISOR, 'token', id, { classification: 'minor', reason: 'not so bad' });

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 422, code: 'classification-qa-only' });
      expect(table.rows.get(id)?.classification).toBe('major');
      expect(outbox.recorded).toHaveLength(1);
    });

    it('should require a signature when QA lowers a critical deviation, and sign the decision when given', async () => {
      // Arrange
      const { openOne, service, table, signatures } = setup();
      const { id } = await openOne('critical');

      // Act
      const unsigned = service.update(QA, 'token', id, { classification: 'major', reason: 'contained, no product impact' });
      await expect(unsigned).rejects.toMatchObject({ status: 400 });
      await service.update(QA, 'token', id, { classification: 'major', reason: 'contained, no product impact', signature: SIGN });

      // Assert
      expect(table.rows.get(id)?.classification).toBe('major');
      expect(signatures.record).toHaveBeenCalledTimes(1);
      expect(signatures.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.anything(),
        expect.objectContaining({ meaning: 'approved', content: expect.objectContaining({ reclassifiedTo: 'major' }) }),
      );
    });

    it('should audit before and after with the reason when QA documents impact and actions', async () => {
      // Arrange
      const { openOne, service, audit } = setup();
      const { id } = await openOne();

      // Act
      await service.update(QA, 'token', id, { impact: 'none on product', actions: 'retrained staff', reason: 'investigation done' });

      // Assert
      expect(audit.of('deviation', id).at(-1)).toMatchObject({
        action: 'update',
        reason: 'investigation done',
        oldValue: { impact: null, actions: null },
        newValue: { impact: 'none on product', actions: 'retrained staff' },
      });
    });
  });

  describe('close', () => {
    it('should refuse with 422 deviation-incomplete and record no signature when impact and actions are missing', async () => {
      // Arrange
      const { openOne, service, signatures, table } = setup();
      const { id } = await openOne();

      // Act
      const attempt = service.close(QA, 'token', id, SIGN, null);

      // Assert
      await expect(attempt).rejects.toMatchObject({ status: 422, code: 'deviation-incomplete' });
      expect(signatures.record).not.toHaveBeenCalled();
      expect(table.rows.get(id)?.state).toBe('open');
    });

    it('should close it with QA signature over its content and announce the closure once documented', async () => {
      // Arrange
      const { openOne, service, signatures, table, outbox, clock } = setup();
      const { id } = await openOne('critical');
      await service.update(QA, 'token', id, { impact: 'none', actions: 'CAPA-12', reason: 'done' });

      // Act
      clock.advance(60_000);
      await service.close(QA, 'token', id, SIGN, 'closed after CAPA');

      // Assert
      expect(table.rows.get(id)).toMatchObject({ state: 'closed', closedById: QA.id, closedAt: clock.now() });
      expect(signatures.record).toHaveBeenCalledWith(
        expect.anything(),
        expect.anything(),
        expect.objectContaining({ meaning: 'closed', subjectId: id }),
      );
      expect(outbox.of(DeviationChangedV1).map((d) => d.state)).toEqual(['open', 'open', 'closed']);
    });

    it('should refuse with 409 when the deviation is already closed', async () => {
      // Arrange
      const { openOne, service } = setup();
      const { id } = await openOne();
      await service.update(QA, 'token', id, { impact: 'none', actions: 'none', reason: 'done' });
      await service.close(QA, 'token', id, SIGN, null);

      // Act / Assert
      await expect(service.close(QA, 'token', id, SIGN, null)).rejects.toMatchObject({ status: 409, code: 'deviation-closed' });
      await expect(service.update(OPERATOR, 'token', id, { impact: 'x', reason: 'late' })).rejects.toMatchObject({ status: 409 });
    });
  });
});
