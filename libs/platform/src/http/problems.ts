/** One field-level reason in a problem response. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * A domain or request error with the HTTP status it maps to; the filter turns it into
 * application/problem+json (status, code, detail, errors[field, reason]).
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationProblem extends Problem {
  constructor(errors: FieldProblem[], detail = 'The request is not valid') {
    super(400, 'validation-failed', detail, errors);
  }
}
export class UnauthorizedProblem extends Problem {
  constructor(detail: string) {
    super(401, 'unauthenticated', detail);
  }
}
export class ForbiddenProblem extends Problem {
  constructor(detail: string) {
    super(403, 'forbidden', detail);
  }
}
export class NotFoundProblem extends Problem {
  constructor(what: string, id: string) {
    super(404, 'not-found', `${what} ${id} was not found`);
  }
}
export class ConflictProblem extends Problem {
  constructor(code: string, detail: string, errors: FieldProblem[] = []) {
    super(409, code, detail, errors);
  }
}
/** The request is understood but a GMP rule refuses it (wrong COI, missing result, …). */
export class RuleViolationProblem extends Problem {
  constructor(code: string, detail: string, errors: FieldProblem[] = []) {
    super(422, code, detail, errors);
  }
}
/** 429: too many attempts from this client or on this account; Retry-After says when to try again. */
export class TooManyRequestsProblem extends Problem {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too-many-requests', detail, [{ field: 'request', reason: `retry after ${retryAfterSeconds} s` }]);
  }
}
