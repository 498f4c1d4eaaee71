import { AuthUser, ForbiddenProblem, Role } from '@mes/platform';

/** Facility roles that may read any clinic's notifications (to follow up on alerts); everyone else is refused. */
export const STAFF_ROLES: readonly Role[] = ['qa', 'supervisor', 'admin'];

/**
 * Which clinic's notifications the caller may read: a clinic user only their own, whatever they ask for;
 * staff the clinic they name, or every clinic (null) when they name none.
 */
export function readableClinic(user: AuthUser, requested: string | undefined): string | null {
  if (user.roles.includes('clinic')) {
    if (!user.clinicId) throw new ForbiddenProblem('clinic user without a clinic');
    if (requested !== undefined && requested !== user.clinicId) throw new ForbiddenProblem('clinic users see only their own clinic');
    return user.clinicId;
  }
  if (user.roles.some((r) => STAFF_ROLES.includes(r))) return requested ?? null;
  throw new ForbiddenProblem(`requires the clinic role or one of: ${STAFF_ROLES.join(', ')}`);
}

/** Only the clinic a notification was sent to can acknowledge it: it says a coordinator there has read it. */
export function acknowledgingClinic(user: AuthUser): string {
  if (!user.roles.includes('clinic') || !user.clinicId) throw new ForbiddenProblem('only clinic users acknowledge notifications');
  return user.clinicId;
}
