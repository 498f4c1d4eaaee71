import { Role } from '@mes/platform';
import { LockReason, activeLock } from './account-lockout';
import { UserEntity } from './user.entity';

/** An account as administrators see it (never the password hash). */
export interface UserAccountView {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  clinicId: string | null;
  active: boolean;
  locked: boolean;
  lockReason: LockReason | null;
  lockedAt: string | null;
  /** When a login lock ends by itself; null while locked means until an administrator unlocks it. */
  lockedUntil: string | null;
  failedSignatureAttempts: number;
  failedLoginAttempts: number;
}

export function toUserAccountView(u: UserEntity, now: Date): UserAccountView {
  const locked = activeLock(u, now) !== null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    clinicId: u.clinicId,
    active: u.active,
    locked,
    lockReason: locked ? u.lockReason : null,
    lockedAt: locked ? (u.lockedAt?.toISOString() ?? null) : null,
    lockedUntil: locked ? (u.lockedUntil?.toISOString() ?? null) : null,
    failedSignatureAttempts: u.failedSignatureAttempts,
    failedLoginAttempts: u.failedLoginAttempts,
  };
}
