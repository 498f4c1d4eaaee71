import { EventDefinition, Topics, eventDefinitions } from '@mes/contracts';
import { CONSUMES, eventKey } from '@mes/platform';
import { TestOrderConsumer } from '../test-orders/test-order.consumer';
import { BatchViewConsumer } from './batch-view.consumer';
import { MaterialBlockerConsumer } from './material-blocker.consumer';
import { ReleaseGateConsumer } from './release-gate.consumer';

const CONSUMERS = [BatchViewConsumer, ReleaseGateConsumer, MaterialBlockerConsumer, TestOrderConsumer];

describe('qc-release batch events', () => {
  it('should consume every event on the batch topic, so the release gate sees each sequence of a batch', () => {
    // Arrange: batch-record keys every event on this topic by the batch, and one it did not consume would be a gap for ever.
    const onBatchTopic = eventDefinitions()
      .filter((d) => d.topic === Topics.batch)
      .map(eventKey);

    // Act
    const consumed = CONSUMERS.flatMap((c) => (Reflect.getMetadata(CONSUMES, c) as EventDefinition[]).map(eventKey));

    // Assert
    expect(onBatchTopic.length).toBeGreaterThan(0);
    expect(onBatchTopic.filter((k) => !consumed.includes(k))).toEqual([]);
  });
});
