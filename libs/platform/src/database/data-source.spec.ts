import { classifyFailure } from '../messaging/failure-classification';
import { POOL_CONNECTION_TIMEOUT_MS, createDataSource } from './data-source';

describe(createDataSource.name, () => {
  it('should bound the wait for a pool connection, so a paused database raises an error instead of hanging', () => {
    const dataSource = createDataSource({ url: 'postgres://127.0.0.1/none', entities: [], migrations: [], applicationName: 'spec' });
    expect((dataSource.options.extra as { connectionTimeoutMillis?: number }).connectionTimeoutMillis).toBe(POOL_CONNECTION_TIMEOUT_MS);
  });

  it.each(['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'])(
    'should have the pool timeout error "%s" retried as infrastructure',
    (message) => {
      expect(classifyFailure(new Error(message))).toBe('infrastructure');
    },
  );
});
