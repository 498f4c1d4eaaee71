import { ConflictProblem, ValidationProblem } from '@mes/platform';
import { OrderEntity } from './order.entity';
import { assertAwaitingApheresis, assertCollectedNotInFuture, assertSlotDateNotPast, requireProduct } from './order-rules';

const now = new Date('2026-03-10T12:00:00.000Z');

describe('order rules', () => {
  it('should return the product with its 48 h hold time when the code is CD19-CAR-T', () => {
    expect(requireProduct('CD19-CAR-T').apheresisHoldTimeHours).toBe(48);
  });

  it('should refuse with field productCode when the product is unknown', () => {
    expect(() => requireProduct('CD22-CAR-T')).toThrow(
      expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'productCode' })] }),
    );
  });

  it('should accept today and refuse yesterday when the slot date is checked', () => {
    expect(() => assertSlotDateNotPast('2026-03-10', now)).not.toThrow();
    expect(() => assertSlotDateNotPast('2026-03-09', now)).toThrow(ValidationProblem);
  });

  it('should refuse with field collectedAt when collection is after now', () => {
    expect(() => assertCollectedNotInFuture(new Date(now.getTime() + 1), now)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'collectedAt' })] }),
    );
    expect(() => assertCollectedNotInFuture(now, now)).not.toThrow();
  });

  it('should refuse with 409 when apheresis was already received', () => {
    const order = { id: 'o1', state: 'apheresis-received' } as OrderEntity;
    expect(() => assertAwaitingApheresis(order)).toThrow(ConflictProblem);
    expect(() => assertAwaitingApheresis({ ...order, state: 'placed' } as OrderEntity)).not.toThrow();
  });
});
