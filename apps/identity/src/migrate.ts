import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { ConfigError, createDataSource, exitOnConfigError, loadServiceConfig, runMigrations } from '@mes/platform';
import { identityConfigSchema } from './config/identity.config';
import { identityDataSourceOptions } from './database/data-source';
import { DEMO_USERS, demoSeedRefusal } from './modules/users/demo-users';
import { UserEntity } from './modules/users/user.entity';
import { ARGON2_OPTIONS } from './modules/users/password-hasher';

/** `node migrate.js [--seed]`: applies migrations; with --seed, creates or updates the demo users. */
async function main(): Promise<void> {
  const config = loadServiceConfig(identityConfigSchema);
  const refusals = process.argv.includes('--seed') ? demoSeedRefusal(config) : [];
  if (refusals.length) exitOnConfigError(new ConfigError(refusals));
  const options = identityDataSourceOptions(config.DATABASE_URL);
  await runMigrations(options);
  if (!process.argv.includes('--seed')) return;
  const ds = await createDataSource(options).initialize();
  try {
    const passwordHash = await argon2.hash(config.DEMO_PASSWORD, ARGON2_OPTIONS);
    for (const u of DEMO_USERS) {
      await ds
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ id: randomUUID(), ...u, passwordHash, active: true })
        .orUpdate(['display_name', 'password_hash', 'roles', 'clinic_id'], ['username'])
        .execute();
    }
    process.stdout.write(
      JSON.stringify({ service: 'identity', msg: 'demo users seeded', users: DEMO_USERS.map((u) => u.username) }) + '\n',
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
