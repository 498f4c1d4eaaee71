import { EntityManager } from 'typeorm';
import { ContractViolationError, OrderPlacedV1, Topics } from '@mes/contracts';

import { FakeClock } from '@mes/testing';
import { OUTBOX_CHANNEL, OutboxWriter } from './outbox';

const orderId = '8a3c2b7e-7c41-4d0b-9d51-2c8f6a0b1e11';
const order = {
  orderId,
  coi: 'COI-AB12-CD34',
  clinicId: 'CLINIC-A',
  productCode: 'CD19-CAR-T',
  slotDate: '2026-12-01',
  placedBy: 'x',
};

function arrange() {
  const query = jest.fn(async (sql: string) => (sql.includes('platform_aggregate_sequence') ? [{ last_sequence: '4' }] : []));
  const tx = { query } as unknown as EntityManager;
  const clock = new FakeClock(new Date('2026-06-01T12:00:00.000Z'));
  const writer = new OutboxWriter('batch-record', clock);
  return { query, tx, writer };
}

describe(OutboxWriter.name, () => {
  it('should insert the envelope keyed by the subject on the definition topic when the data is valid', async () => {
    // Arrange
    const { query, tx, writer } = arrange();

    // Act
    const envelope = await writer.append(tx, OrderPlacedV1, order, { subject: orderId, correlationId: 'corr-1' });

    // Assert
    const [sql, params] = query.mock.calls[1] as unknown as [string, string[]];
    expect(sql).toMatch(/INSERT INTO platform_outbox/);
    expect(params).toEqual([envelope.eventId, Topics.order, orderId, 'batch-record.order.placed', expect.any(String)]);
    expect(JSON.parse(params[4])).toEqual(envelope);
  });

  it('should stamp the envelope with the producer, the clock time and the context ids when appending', async () => {
    // Arrange
    const { tx, writer } = arrange();

    // Act
    const envelope = await writer.append(tx, OrderPlacedV1, order, { subject: orderId, correlationId: 'corr-1', causationId: 'cause-1' });

    // Assert
    expect(envelope).toMatchObject({
      type: 'batch-record.order.placed',
      version: 1,
      producer: 'batch-record',
      subject: orderId,
      occurredAt: '2026-06-01T12:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      data: order,
    });
  });

  it('should stamp the subject’s next sequence from the locking upsert in the caller’s transaction when appending', async () => {
    // Arrange
    const { query, tx, writer } = arrange();

    // Act
    const envelope = await writer.append(tx, OrderPlacedV1, order, { subject: orderId });

    // Assert
    expect(query.mock.calls[0]).toEqual([
      expect.stringMatching(
        /INSERT INTO platform_aggregate_sequence[\s\S]*ON CONFLICT \(subject\) DO UPDATE SET last_sequence = platform_aggregate_sequence.last_sequence \+ 1/,
      ),
      [orderId],
    ]);
    expect(envelope.sequence).toBe(4);
    expect(JSON.parse((query.mock.calls[1] as unknown as [string, string[]])[1][4]).sequence).toBe(4);
  });

  it('should notify the relay channel after the insert when appending', async () => {
    // Arrange
    const { query, tx, writer } = arrange();

    // Act
    await writer.append(tx, OrderPlacedV1, order, { subject: orderId });

    // Assert
    expect(query).toHaveBeenCalledTimes(3);
    expect(query.mock.calls[2]).toEqual([expect.stringMatching(/pg_notify\(\$1/), [OUTBOX_CHANNEL]]);
  });

  it('should throw ContractViolationError and issue no query when the data breaks the contract', async () => {
    // Arrange
    const { query, tx, writer } = arrange();

    // Act
    const result = writer.append(tx, OrderPlacedV1, { ...order, coi: 'patient-name' }, { subject: orderId });

    // Assert
    await expect(result).rejects.toBeInstanceOf(ContractViolationError);
    expect(query).not.toHaveBeenCalled();
  });
});
