import { QueryFailedError } from 'typeorm';
import { ContractViolationError } from '@mes/contracts';
import { PermanentEventError, classifyFailure } from './failure-classification';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const named = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe(classifyFailure.name, () => {
  it.each([
    ['Postgres refusing connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection terminated by the server', new Error('Connection terminated unexpectedly')],
    ['a pool acquire timeout', new Error('timeout exceeded when trying to connect')],
    ['an admin shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a serialization failure (40001)', withCode('could not serialize access', '40001')],
    ['a read-only transaction during failover (25006)', withCode('cannot execute INSERT in a read-only transaction', '25006')],
    ['a lock timeout (55P03)', withCode('canceling statement due to lock timeout', '55P03')],
    ['a statement timeout (57014)', withCode('canceling statement due to statement timeout', '57014')],
    ['a system I/O error (58030)', withCode('could not write to file', '58030')],
    ['an internal error (XX000)', withCode('could not read block', 'XX000')],
    ['a pool connection timeout', new Error('Connection terminated due to connection timeout')],
    [
      'a TypeORM query error wrapping a connection failure',
      new QueryFailedError('SELECT 1', [], withCode('terminating connection', '57P01')),
    ],
    [
      'an error caused by a refused connection',
      new Error('lot lookup failed', { cause: withCode('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
    ['a refused connection on every address', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')],
    ['Kafka unreachable', named('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092')],
    ['a retriable Kafka error', named('KafkaJSProtocolError', 'This server is not the leader', { retriable: true })],
    ['Redis offline', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['Redis retries exhausted', named('MaxRetriesPerRequestError', 'Reached the max retries per request limit')],
  ])('should classify %s as infrastructure (retried, never dead-lettered)', (_what, error) => {
    expect(classifyFailure(error)).toBe('infrastructure');
  });

  it.each([
    ['a contract violation', new ContractViolationError('Invalid inventory.lot.received v1')],
    ['a permanent business error', new PermanentEventError('lot belongs to another site')],
    ['a permanent error whose message looks like a connection problem', new PermanentEventError('Connection terminated by contract')],
  ])('should classify %s as permanent (dead-lettered at once)', (_what, error) => {
    expect(classifyFailure(error)).toBe('permanent');
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'lotId')")],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a non-retriable Kafka error', named('KafkaJSProtocolError', 'Topic authorization failed', { retriable: false })],
    ['a thrown string', 'boom'],
  ])('should classify %s as unclassified (bounded retries)', (_what, error) => {
    expect(classifyFailure(error)).toBe('unclassified');
  });
});
