import { ContractViolationError } from '@mes/contracts';

/**
 * Thrown by a handler when the event can never be applied, whatever is retried (a business rule refuses it for
 * good): the consumer dead-letters it at once, with the message as the reason.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

/**
 * - infrastructure: a dependency (Postgres, Kafka, Redis) is unavailable; retried for as long as it lasts, never dead-lettered;
 * - permanent: a contract violation or a PermanentEventError; dead-lettered at once;
 * - unclassified: anything else (e.g. a bug); retried a bounded number of times, then dead-lettered.
 */
export type FailureClass = 'infrastructure' | 'permanent' | 'unclassified';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// Postgres SQLSTATEs of an unavailable or overloaded server: 08 connection exception, 53 insufficient resources,
// 57 operator intervention (shutdown, statement timeout/cancel), 58 system/IO error, XX internal error, 25006 read-only
// transaction (failover), 55P03 lock timeout, 40001/40P01 serialization failure and deadlock (retry is the cure).
const PG_TRANSIENT = /^(08...|53...|57...|58...|XX...|25006|55P03|40001|40P01)$/;
const TRANSIENT_MESSAGES = [
  /connection terminated/i, // pg: socket closed by the server or the network
  /timeout exceeded when trying to connect/i, // pg-pool: acquire timeout (connectionTimeoutMillis)
  /connection timeout/i, // pg: "Connection terminated due to connection timeout"
  /not queryable/i, // pg: client broken by an earlier connection error
  /terminating connection/i,
  /Connection is closed|Stream isn't writeable/i, // ioredis offline
];
const TRANSIENT_NAMES = new Set([
  'MaxRetriesPerRequestError', // ioredis
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

/** The error and its causes (TypeORM wraps the driver's error in `driverError`, others use `cause`). */
function chain(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && out.length < 8) {
    out.push(current as Record<string, unknown>);
    const next = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
    if (next === current) break;
    current = next;
  }
  return out;
}

/** Decides what a failed handler attempt means; the one home of the rule "infrastructure errors never dead-letter". */
export function classifyFailure(error: unknown): FailureClass {
  const links = chain(error);
  for (const e of links) {
    if (e instanceof ContractViolationError || e instanceof PermanentEventError) return 'permanent';
  }
  for (const e of links) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || PG_TRANSIENT.test(code)) return 'infrastructure';
    if (typeof e.name === 'string' && (TRANSIENT_NAMES.has(e.name) || (e.name.startsWith('KafkaJS') && e.retriable === true))) {
      return 'infrastructure';
    }
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((p) => p.test(e.message as string))) return 'infrastructure';
    // AggregateError (e.g. a connection refused on every address of a host name).
    if (Array.isArray(e.errors) && e.errors.some((inner) => classifyFailure(inner) === 'infrastructure')) return 'infrastructure';
  }
  return 'unclassified';
}
