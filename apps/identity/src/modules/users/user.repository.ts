import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.getRepository(UserEntity).findOneBy({ username });
  }

}
