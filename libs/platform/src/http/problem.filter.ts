import { ArgumentsHost, Catch, ExceptionFilter, HttpException, LoggerService } from '@nestjs/common';
import { Problem } from './problems';

/** Maps every error once to application/problem+json; unexpected errors are logged and hidden from the caller. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: LoggerService) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse();
    const request = ctx.getRequest();
    let status = 500;
    let body: Record<string, unknown>;
    if (error instanceof Problem) {
      status = error.status;
      body = { status, code: error.code, title: error.code, detail: error.message, errors: error.errors };
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      const res = error.getResponse();
      const detail = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? error.message);
      const code = status === 404 ? 'not-found' : status === 413 ? 'payload-too-large' : status === 400 ? 'bad-request' : 'http-error';
      body = { status, code, title: code, detail: Array.isArray(detail) ? detail.join('; ') : String(detail), errors: [] };
    } else if (isConcurrentChange(error)) {
      // Two requests raced for the same unique fact (or a deadlock was broken): nothing of the loser was written; retrying is safe.
      status = 409;
      this.logger.warn({ msg: 'concurrent change refused', path: request?.url, error: String(error) }, 'ProblemFilter');
      body = {
        status,
        code: 'concurrent-change',
        title: 'concurrent-change',
        detail: 'Another change to the same record happened at the same time; nothing was recorded, please retry',
        errors: [],
      };
    } else {
      this.logger.error(
        { msg: 'unhandled error', path: request?.url, error: error instanceof Error ? error.stack : String(error) },
        'ProblemFilter',
      );
      body = {
        status,
        code: 'internal-error',
        title: 'internal-error',
        detail: 'An unexpected error occurred; it has been logged',
        errors: [],
      };
    }
    if (response.headersSent) return;
    response
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify({ type: 'about:blank', instance: request?.url, ...body }));
  }
}

/** Postgres unique violation (23505), serialization failure (40001) or deadlock (40P01), as TypeORM reports them. */
export function isConcurrentChange(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: string }; code?: string } | null)?.driverError?.code ?? (error as { code?: string } | null)?.code;
  return code === '23505' || code === '40001' || code === '40P01';
}
