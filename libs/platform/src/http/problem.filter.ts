import { ArgumentsHost, Catch, ExceptionFilter, HttpException, LoggerService } from '@nestjs/common';
import { redactSecrets } from '../logging/redact';
import { Problem, TooManyRequestsProblem } from './problems';

/** Maps every error once to application/problem+json; unexpected errors are logged and hidden from the caller. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse();
    const request = ctx.getRequest();
    // The URL may carry an SSE ?access_token=: never echo or log it.
    const path = typeof request?.url === 'string' ? redactSecrets(request.url) : undefined;
    let status = 500;
    let body: Record<string, unknown>;
    if (error instanceof Problem) {
      status = error.status;
      body = { status, code: error.code, title: error.code, detail: error.message, errors: error.errors };
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      const res = error.getResponse();
      const detail = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? error.message);
      const code = HTTP_CODES[status] ?? 'http-error';
      body = { status, code, title: code, detail: Array.isArray(detail) ? detail.join('; ') : String(detail), errors: [] };
    } else if (isBodyReadError(error)) {
      // The body parser refused the body (too large, a charset it cannot read, …) before any handler ran: the client's fault.
      status = error.status;
      const code = HTTP_CODES[status] ?? 'bad-request';
      body = { status, code, title: code, detail: `${BODY_READ_DETAIL[error.type] ?? error.message}; nothing was changed`, errors: [] };
    } else if (isConcurrentChange(error)) {
      // Two requests raced for the same unique fact (or a deadlock was broken): nothing of the loser was written; retrying is safe.
      status = 409;
      this.logger.warn({ msg: 'concurrent change refused', path, error: String(error) }, 'ProblemFilter');
      body = {
        status,
        code: 'concurrent-change',
        title: 'concurrent-change',
        detail: 'Another change to the same record happened at the same time; nothing was recorded, please retry',
        errors: [],
      };
    } else {
      this.logger.error({ msg: 'unhandled error', path, error: error instanceof Error ? error.stack : String(error) }, 'ProblemFilter');
      body = {
        status,
        code: 'internal-error',
        title: 'internal-error',
        detail: 'An unexpected error occurred; it has been logged',
        errors: [],
      };
    }
    if (response.headersSent) return;
    if (error instanceof TooManyRequestsProblem) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', instance: path, ...body }));
  }
}

/** Postgres unique violation (23505), serialization failure (40001) or deadlock (40P01), as TypeORM reports them. */
export function isConcurrentChange(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: string }; code?: string } | null)?.driverError?.code ?? (error as { code?: string } | null)?.code;
  return code === '23505' || code === '40001' || code === '40P01';
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};
const BODY_READ_DETAIL: Record<string, string> = {
  'entity.too.large': 'The request body is larger than this endpoint accepts',
  'entity.parse.failed': 'The request body is not valid JSON',
  'charset.unsupported': 'The request body charset is not supported; send UTF-8',
  'encoding.unsupported': 'The request body content encoding is not supported',
};

/** An error of the body parser (http-errors): a 4xx status it chose and marked safe to show. */
function isBodyReadError(error: unknown): error is { status: number; type: string; message: string } {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown } | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true && typeof e.type === 'string';
}
