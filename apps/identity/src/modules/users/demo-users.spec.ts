import { BaseConfig, ConfigError } from '@mes/platform';
import { DEMO_USERS, DemoUsersRefusal, demoSeedRefusal } from './demo-users';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const demo = (active = true) => ({ ...DEMO_USERS[5], id: 'u-qa', passwordHash: 'h', active }) as unknown as UserEntity;
const own = { ...demo(), username: 'jchan', displayName: 'Jo Chan' } as UserEntity;

function arrange(nodeEnv: string, users: UserEntity[]) {
  const repo = { list: jest.fn().mockResolvedValue(users) } as unknown as UserRepository;
  return new DemoUsersRefusal(repo, { NODE_ENV: nodeEnv } as BaseConfig);
}

describe(DemoUsersRefusal.name, () => {
  it('should stop the boot naming the account when a seeded demo user is active in production', async () => {
    await expect(arrange('production', [own, demo()]).onApplicationBootstrap()).rejects.toThrow(ConfigError);
    await expect(arrange('production', [own, demo()]).onApplicationBootstrap()).rejects.toThrow(/demo users are seeded \(qa\)/);
  });

  it('should stop the boot when a demo user name is active even though its display name was changed', async () => {
    const renamed = { ...demo(), displayName: 'Jo Chan' } as UserEntity;
    await expect(arrange('production', [renamed]).onApplicationBootstrap()).rejects.toThrow(/demo users are seeded \(qa\)/);
  });

  it('should start in production when the demo users are gone or deactivated', async () => {
    await expect(arrange('production', [own, demo(false)]).onApplicationBootstrap()).resolves.toBeUndefined();
  });

  it('should start with the demo users outside production', async () => {
    await expect(arrange('demo', [demo()]).onApplicationBootstrap()).resolves.toBeUndefined();
  });
});

describe('demoSeedRefusal', () => {
  it('should refuse seeding only in production', () => {
    expect(demoSeedRefusal({ NODE_ENV: 'production' } as BaseConfig)).toHaveLength(1);
    expect(demoSeedRefusal({ NODE_ENV: 'test' } as BaseConfig)).toEqual([]);
  });
});
