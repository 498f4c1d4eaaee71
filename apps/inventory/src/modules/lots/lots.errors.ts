import { ConflictProblem, NotFoundProblem, RuleViolationProblem } from '@mes/platform';

/** Every lot error, named once with the HTTP problem it becomes. */
export const LotErrors = {
  notFound: (id: string) => new NotFoundProblem('Lot', id),
  alreadyExpired: (expiresAt: Date, now: Date) =>
    new RuleViolationProblem(
      'already-expired',
      `The lot expired at ${expiresAt.toISOString()} (now ${now.toISOString()}); it cannot be received`,
      [{ field: 'expiresAt', reason: 'must be in the future' }],
    ),
  expired: (id: string, at: Date) =>
    new RuleViolationProblem('lot-expired', `Lot ${id} expired at ${at.toISOString()}; an expired lot cannot be released`, [
      { field: 'id', reason: 'lot is expired' },
    ]),
  alreadyInStatus: (id: string, status: string) =>
    new ConflictProblem('lot-already-' + status, `Lot ${id} is already ${status}`, [{ field: 'status', reason: `already ${status}` }]),
  invalidTransition: (id: string, from: string, to: string) =>
    new ConflictProblem('invalid-lot-transition', `Lot ${id} is ${from}; it cannot become ${to}`, [
      { field: 'status', reason: `${from} → ${to} is not allowed` },
    ]),
};
