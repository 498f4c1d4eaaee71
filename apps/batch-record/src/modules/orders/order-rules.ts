import { ConflictProblem, ValidationProblem } from '@mes/platform';
import { OrderEntity } from './order.entity';
import { findProduct, ProductDefinition, productCodes } from './products';

export function requireProduct(code: string): ProductDefinition {
  const product = findProduct(code);
  if (!product) throw new ValidationProblem([{ field: 'productCode', reason: `unknown product; known: ${productCodes().join(', ')}` }]);
  return product;
}

/** A slot is booked for today or later, in UTC as the facility's clock sees it. */
export function assertSlotDateNotPast(slotDate: string, now: Date): void {
  if (slotDate < now.toISOString().slice(0, 10)) {
    throw new ValidationProblem([{ field: 'slotDate', reason: 'must not be in the past' }]);
  }
}

/** Collection time starts the hold-time clock; a time in the future is a typing error, never accepted. */
export function assertCollectedNotInFuture(collectedAt: Date, now: Date): void {
  if (collectedAt.getTime() > now.getTime()) {
    throw new ValidationProblem([{ field: 'collectedAt', reason: 'must not be in the future' }]);
  }
}

export function assertAwaitingApheresis(order: OrderEntity): void {
  if (order.state !== 'placed') {
    throw new ConflictProblem('apheresis-already-received', `Apheresis for order ${order.id} was already received`);
  }
}
