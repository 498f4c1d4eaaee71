import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { BaseConfig, ConfigError, Role, SERVICE_CONFIG } from '@mes/platform';
import { UserRepository } from './user.repository';

/**
 * The default install's users, one per role (all with DEMO_PASSWORD); clinic users belong to a clinic. `trainee` is an
 * operator with no training record, `operator2` a second operator (e.g. for second-person verification).
 */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; clinicId: string | null }[] = [
  { username: 'operator', displayName: 'Olivia Operator', roles: ['operator'], clinicId: null },
  { username: 'operator2', displayName: 'Otto Operator-Two', roles: ['operator'], clinicId: null },
  { username: 'trainee', displayName: 'Tom Trainee', roles: ['operator'], clinicId: null },
  { username: 'supervisor', displayName: 'Sam Supervisor', roles: ['supervisor', 'operator'], clinicId: null },
  { username: 'qc', displayName: 'Quinn QC-Analyst', roles: ['qc-analyst'], clinicId: null },
  { username: 'qa', displayName: 'Alex QA-Person', roles: ['qa'], clinicId: null },
  { username: 'materials', displayName: 'Mia Materials', roles: ['materials'], clinicId: null },
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'], clinicId: null },
  { username: 'clinic-a', displayName: 'Dr. Ana Clinic-A', roles: ['clinic'], clinicId: 'CLINIC-A' },
  { username: 'clinic-b', displayName: 'Dr. Ben Clinic-B', roles: ['clinic'], clinicId: 'CLINIC-B' },
];

/** Their password is published: NODE_ENV=production refuses to seed them. */
export const demoSeedRefusal = (config: BaseConfig): string[] =>
  config.NODE_ENV === 'production'
    ? ['--seed: demo users (with the published demo password) are never seeded with NODE_ENV=production']
    : [];

/** With NODE_ENV=production, identity does not start while an active account has a demo user name (anyone knows its password). */
@Injectable()
export class DemoUsersRefusal implements OnApplicationBootstrap {
  constructor(
    private readonly users: UserRepository,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.NODE_ENV !== 'production') return;
    // By user name alone: renaming the display name does not change the published password.
    const seeded = (await this.users.list()).filter((u) => u.active && DEMO_USERS.some((d) => d.username === u.username));
    if (seeded.length) {
      throw new ConfigError([
        `demo users are seeded (${seeded.map((u) => u.username).join(', ')}): delete or deactivate them before starting with NODE_ENV=production`,
      ]);
    }
  }
}
