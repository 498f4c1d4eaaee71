import type { AuthUser } from '../auth/auth';
import { ForbiddenProblem, NotFoundProblem } from '../http/problems';
import { FACILITY_ROLES } from './roles';

/** What a caller may see: facility staff every clinic's records, a clinic user only its own clinic's. */
export type ViewerScope = { kind: 'all' } | { kind: 'clinic'; clinicId: string };

/** A clinic user is always confined to its own clinic, even if it also holds a staff role. */
export function viewerScope(user: AuthUser): ViewerScope {
  if (user.roles.includes('clinic')) {
    if (!user.clinicId) throw new ForbiddenProblem('clinic user without a clinic');
    return { kind: 'clinic', clinicId: user.clinicId };
  }
  if (user.roles.some((r) => FACILITY_ROLES.includes(r))) return { kind: 'all' };
  throw new ForbiddenProblem('no role that may read clinic records');
}

export function canSee(scope: ViewerScope, clinicId: string): boolean {
  return scope.kind === 'all' || scope.clinicId === clinicId;
}

/**
 * The record if the scope may see it; otherwise the same 404 as for an id that does not exist, so another
 * clinic's records never leak, not even their existence.
 */
export function assertVisible<T extends { clinicId: string }>(
  scope: ViewerScope,
  record: T | null | undefined,
  what: string,
  id: string,
): T {
  if (!record || !canSee(scope, record.clinicId)) throw new NotFoundProblem(what, id);
  return record;
}
