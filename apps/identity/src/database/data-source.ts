import { DataSourceOptions } from '@mes/platform';
import { SigningSessionEntity } from '../modules/users/signing-session.entity';
import { UserEntity } from '../modules/users/user.entity';
import { Users1763700000100 } from './migrations/1763700000100-users';
import { SigningSessionsLockout1763700000200 } from './migrations/1763700000200-signing-sessions-lockout';
import { LoginLockoutWindow1763700000300 } from './migrations/1763700000300-login-lockout-window';

export const identityDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'identity',
  entities: [UserEntity, SigningSessionEntity],
  migrations: [Users1763700000100, SigningSessionsLockout1763700000200, LoginLockoutWindow1763700000300],
});
