import { AuthUser, ForbiddenProblem, Role } from '@mes/platform';

/** Facility roles that may see every clinic's orders and batches. */
export const STAFF_ROLES: Role[] = ['operator', 'supervisor', 'qa', 'qc-analyst', 'materials', 'admin'];

export type ViewerScope = { kind: 'all' } | { kind: 'clinic'; clinicId: string };

/** What a caller may see; a clinic user is always confined to its own clinic, even if it also holds a staff role. */
export function viewerScope(user: AuthUser): ViewerScope {
  if (user.roles.includes('clinic')) {
    if (!user.clinicId) throw new ForbiddenProblem('clinic user without a clinic');
    return { kind: 'clinic', clinicId: user.clinicId };
  }
  if (user.roles.some((r) => STAFF_ROLES.includes(r))) return { kind: 'all' };
  throw new ForbiddenProblem('no role that may read orders or batches');
}

/** Whether a record of this clinic is visible in the scope; callers answer 404 when not, so existence never leaks. */
export function canSee(scope: ViewerScope, clinicId: string): boolean {
  return scope.kind === 'all' || scope.clinicId === clinicId;
}
