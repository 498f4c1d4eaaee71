import { Evaluation } from './specification';
import { TestOrderEntity } from './test-order.entity';
import { TestOrderErrors } from './test-orders.errors';

type OrderState = Pick<TestOrderEntity, 'id' | 'batchId' | 'testCode' | 'result' | 'closedAt'>;
type Valid = Extract<Evaluation, { valid: true }>;

/** A first result: the order is still open (no disposition), has none yet, and the value fits the specification. */
export function assertRecordable(order: OrderState, evaluation: Evaluation): asserts evaluation is Valid {
  if (order.closedAt) throw TestOrderErrors.closed(order.batchId);
  if (order.result !== null) throw TestOrderErrors.alreadyRecorded(order.id);
  if (!evaluation.valid) throw TestOrderErrors.invalidResult(order.testCode, evaluation.reason);
}

/** A correction: the order is still open (a signed disposition froze its results), has a result, and the new one differs. */
export function assertCorrectable(order: OrderState, evaluation: Evaluation): asserts evaluation is Valid {
  if (order.closedAt) throw TestOrderErrors.closed(order.batchId);
  if (order.result === null) throw TestOrderErrors.noResult(order.id);
  if (!evaluation.valid) throw TestOrderErrors.invalidResult(order.testCode, evaluation.reason);
  if (evaluation.value === order.result) throw TestOrderErrors.unchanged(order.id);
}
