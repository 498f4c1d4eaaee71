import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@mes/platform';
import { LockReason } from './account-lockout';

@Entity('app_user')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash' }) passwordHash: string;
  @Column('text', { array: true }) roles: Role[];
  @Column('text', { name: 'clinic_id', nullable: true }) clinicId: string | null;
  @Column('boolean') active: boolean;
  /** Consecutive failed signatures (wrong password or user name); a verified signature resets it. */
  @Column('integer', { name: 'failed_signature_attempts', default: 0 }) failedSignatureAttempts: number;
  /** Consecutive failed logins with a wrong password; a successful login resets it. */
  @Column('integer', { name: 'failed_login_attempts', default: 0 }) failedLoginAttempts: number;
  @Column('timestamptz', { name: 'locked_at', nullable: true }) lockedAt: Date | null;
  @Column('text', { name: 'lock_reason', nullable: true }) lockReason: LockReason | null;
  /** When a login lock ends by itself; null for a signature lock (an administrator ends it). */
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  /** Login locks in a row without a successful login (each lasts twice as long as the one before). */
  @Column('integer', { name: 'login_lockouts', default: 0 }) loginLockouts: number;
}
