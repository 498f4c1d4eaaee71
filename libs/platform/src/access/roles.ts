export const ROLES = ['operator', 'supervisor', 'qc-analyst', 'qa', 'materials', 'clinic', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The facility's own staff: every role but the clinic's. */
export const FACILITY_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'clinic');

/**
 * The roles a caller acts with. A clinic user acts only as the clinic, whatever other role the token names:
 * a treatment centre's account must never reach the facility's routes or data.
 */
export function actingRoles(user: { roles: readonly Role[] }): readonly Role[] {
  return user.roles.includes('clinic') ? ['clinic'] : user.roles;
}
