import type { IncomingMessage, ServerResponse } from 'node:http';
import { Problem } from './problems';

export class UnsupportedMediaTypeProblem extends Problem {
  constructor(detail: string) {
    super(415, 'unsupported-media-type', detail, [{ field: 'content-type', reason: 'must be application/json; charset=utf-8' }]);
  }
}

const hasBody = (req: IncomingMessage) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Why a request's body is not a UTF-8 JSON document every service can read, or null when it is. */
export function unsupportedBodyReason(req: IncomingMessage): string | null {
  if (!hasBody(req)) return null;
  const header = req.headers['content-type'];
  if (!header) return 'A request body needs a Content-Type of application/json';
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    return `Content-Type ${type} is not supported; send application/json`;
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return `charset ${charset} is not supported; send UTF-8`;
  return null;
}

/** Express middleware before the body parser: every API body is UTF-8 JSON, anything else answers 415 (never a 500 or a half-read form). */
export function jsonBodiesOnly(req: IncomingMessage, _res: ServerResponse, next: (error?: unknown) => void): void {
  const reason = unsupportedBodyReason(req);
  next(reason ? new UnsupportedMediaTypeProblem(`${reason}; nothing was changed`) : undefined);
}
