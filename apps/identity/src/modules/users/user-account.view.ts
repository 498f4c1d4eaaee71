import { Role } from '@mes/platform';
import { LockReason } from './account-lockout';
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
  failedSignatureAttempts: number;
  failedLoginAttempts: number;
}

export function toUserAccountView(u: UserEntity): UserAccountView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    clinicId: u.clinicId,
    active: u.active,
    locked: u.lockedAt !== null,
    lockReason: u.lockReason,
    lockedAt: u.lockedAt?.toISOString() ?? null,
    failedSignatureAttempts: u.failedSignatureAttempts,
    failedLoginAttempts: u.failedLoginAttempts,
  };
}
