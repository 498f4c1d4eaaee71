import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SecurityState } from './account-lockout';
import { UserEntity } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.getRepository(UserEntity).findOneBy({ username });
  }

  /** Locks the account row until commit: attempts on one account are counted one after the other. */
  findByUsernameForUpdate(tx: EntityManager, username: string): Promise<UserEntity | null> {
    return tx
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.username = :username', { username })
      .getOne();
  }

  list(tx: EntityManager = this.dataSource.manager): Promise<UserEntity[]> {
    return tx.getRepository(UserEntity).find({ order: { username: 'ASC' } });
  }

  async saveSecurityState(tx: EntityManager, userId: string, state: SecurityState): Promise<void> {
    await tx.getRepository(UserEntity).update(
      { id: userId },
      {
        failedSignatureAttempts: state.failedSignatureAttempts,
        failedLoginAttempts: state.failedLoginAttempts,
        lockedAt: state.lockedAt,
        lockReason: state.lockReason,
        lockedUntil: state.lockedUntil,
        loginLockouts: state.loginLockouts,
      },
    );
  }
}
