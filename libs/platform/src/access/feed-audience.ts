import type { AuthUser } from '../auth/auth';
import { ForbiddenProblem } from '../http/problems';
import { FACILITY_ROLES, Role } from './roles';

/** Who a feed item is for: the clinic it concerns, or the facility roles it is addressed to. */
export type FeedAddress = { clinicId: string } | { roles: readonly Role[] };

/** What one reader of a feed receives: one clinic's items (null: every clinic's), or items addressed to one of its roles. */
export type FeedAudience = { clinicId: string | null } | { roles: readonly Role[] };

/** Facility roles that follow the clinics' feeds (to follow up on what a clinic was told). */
export const CLINIC_FEED_STAFF: readonly Role[] = ['qa', 'supervisor', 'admin'];

/**
 * A reader of the clinic feed: a clinic user only its own clinic, whatever it asks for; clinic-feed staff the
 * clinic they name, or every clinic when they name none.
 */
export function clinicFeedAudience(user: AuthUser, requestedClinic?: string): { clinicId: string | null } {
  if (user.roles.includes('clinic')) {
    if (!user.clinicId) throw new ForbiddenProblem('clinic user without a clinic');
    if (requestedClinic !== undefined && requestedClinic !== user.clinicId)
      throw new ForbiddenProblem('clinic users see only their own clinic');
    return { clinicId: user.clinicId };
  }
  if (user.roles.some((r) => CLINIC_FEED_STAFF.includes(r))) return { clinicId: requestedClinic ?? null };
  throw new ForbiddenProblem(`requires the clinic role or one of: ${CLINIC_FEED_STAFF.join(', ')}`);
}

/**
 * A reader of the staff feed receives the alerts addressed to one of its facility roles. Clinic users never do,
 * whatever other role they hold: alerts name internal facts (users, lots, deviations).
 */
export function staffFeedAudience(user: AuthUser): { roles: readonly Role[] } {
  if (user.roles.includes('clinic')) throw new ForbiddenProblem('clinic users do not see staff alerts');
  const roles = user.roles.filter((r) => FACILITY_ROLES.includes(r));
  if (roles.length === 0) throw new ForbiddenProblem(`requires one of the roles: ${FACILITY_ROLES.join(', ')}`);
  return { roles };
}

/** The one audience rule: whether an item with this address goes to this reader. */
export function receives(audience: FeedAudience, address: FeedAddress): boolean {
  if ('roles' in audience) return 'roles' in address && address.roles.some((r) => audience.roles.includes(r));
  return 'clinicId' in address && (audience.clinicId === null || audience.clinicId === address.clinicId);
}
