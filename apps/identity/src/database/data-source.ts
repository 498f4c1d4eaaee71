import { DataSourceOptions } from '@mes/platform';
import { UserEntity } from '../modules/users/user.entity';
import { Users1763700000100 } from './migrations/1763700000100-users';

export const identityDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'identity',
  entities: [UserEntity],
  migrations: [Users1763700000100],
});
