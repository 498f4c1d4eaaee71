import { AuthUser, ForbiddenProblem, Role } from '@mes/platform';

/** Facility roles that may read staff alerts (each sees the alerts addressed to one of their roles). */
export const STAFF_ALERT_ROLES: readonly Role[] = ['operator', 'supervisor', 'qc-analyst', 'qa', 'materials', 'admin'];

/**
 * The roles whose alerts the caller sees. Clinic users never see staff alerts, whatever other role they hold:
 * alerts name internal facts (users, lots, deviations) that are not the clinic's business.
 */
export function staffAlertAudience(user: AuthUser): Role[] {
  if (user.roles.includes('clinic')) throw new ForbiddenProblem('clinic users do not see staff alerts');
  const roles = user.roles.filter((r) => STAFF_ALERT_ROLES.includes(r));
  if (roles.length === 0) throw new ForbiddenProblem(`requires one of the roles: ${STAFF_ALERT_ROLES.join(', ')}`);
  return roles;
}

/** Whether an alert addressed to `audience` is for a reader holding `roles`. */
export function isAddressedTo(audience: readonly Role[], roles: readonly Role[]): boolean {
  return audience.some((r) => roles.includes(r));
}
