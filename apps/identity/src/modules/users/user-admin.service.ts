import { Injectable } from '@nestjs/common';
import { UserUnlockedV1 } from '@mes/contracts';
import { AuthUser, Clock, ConflictProblem, DirectoryUser, NotFoundProblem, OutboxWriter, UnitOfWork, AuditTrail } from '@mes/platform';
import { activeLock, afterUnlock } from './account-lockout';
import { securityValue } from './account-lockout.service';
import { UserAccountView, toUserAccountView } from './user-account.view';
import { UserRepository } from './user.repository';
import { IdentityAuditEntity } from '../../audit-entities';

/** What an administrator sees and does about accounts: who is locked, how many failures, and the unlock. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly users: UserRepository,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<IdentityAuditEntity>,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<UserAccountView[]> {
    const now = this.clock.now();
    return (await this.users.list()).map((u) => toUserAccountView(u, now));
  }

  /** A user as other services may know them (no hash, no lock state); 404 when there is none. */
  async find(username: string): Promise<DirectoryUser> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new NotFoundProblem('User', username);
    return { username: user.username, displayName: user.displayName, roles: user.roles, active: user.active };
  }

  /** Unlocks and resets both failure counters; audited with the administrator and their reason, announced as UserUnlockedV1. */
  unlock(admin: AuthUser, username: string, reason: string | null): Promise<UserAccountView> {
    return this.uow.run(async (tx) => {
      const user = await this.users.findByUsernameForUpdate(tx, username);
      if (!user) throw new NotFoundProblem('User', username);
      if (!activeLock(user, this.clock.now()))
        throw new ConflictProblem('account-not-locked', `The account ${username} is not locked; nothing was changed`);
      const now = this.clock.now();
      const next = afterUnlock(user);
      await this.users.saveSecurityState(tx, user.id, next);
      await this.outbox.append(
        tx,
        UserUnlockedV1,
        { userId: user.id, username: user.username, unlockedBy: admin.username, unlockedAt: now.toISOString() },
        { subject: user.id },
      );
      await this.audit.change(tx, {
        entity: 'user-account',
        id: user.id,
        actor: { id: admin.id, name: admin.name },
        before: securityValue(user),
        after: securityValue(next),
        reason: reason ?? 'unlocked by an administrator',
      });
      return toUserAccountView({ ...user, ...next }, now);
    });
  }
}
