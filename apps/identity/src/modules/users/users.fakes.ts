// In-memory stand-ins for the users module's I/O, shared by its unit tests (not used by the service at run time).
import { EntityManager } from 'typeorm';
import { AuthUser, Role } from '@mes/platform';
import { PlatformTwin, RecordedAuditEntry, platformTwin } from '@mes/testing';
import { IdentityConfig } from '../../config/identity.config';
import { AccountLockoutService } from './account-lockout.service';
import { SecurityState } from './account-lockout';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SignatureService } from './signature.service';
import { SigningSessionRepository } from './signing-session.repository';
import { UserAdminService } from './user-admin.service';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const copy = <T>(value: T): T => structuredClone(value);

/** The identity database in memory; the platform twin's unit of work puts it back when a transaction throws. */
export class FakeIdentityStore {
  users = new Map<string, UserEntity>();
  sessions = new Map<string, { userId: string; firstSignedAt: Date }>();

  constructor(readonly platform: PlatformTwin) {
    platform.uow.track(this);
  }

  get audit(): RecordedAuditEntry[] {
    return this.platform.audit.entries;
  }

  get events() {
    return this.platform.outbox.recorded.map(({ type, subject, data }) => ({ type, subject, data }));
  }

  addUser(username: string, roles: Role[] = ['qa'], password = 'right-password'): UserEntity {
    const user: UserEntity = {
      id: `00000000-0000-4000-8000-${String(this.users.size + 1).padStart(12, '0')}`,
      username,
      displayName: `${username} Person`,
      passwordHash: `hash:${password}`,
      roles,
      clinicId: null,
      active: true,
      failedSignatureAttempts: 0,
      failedLoginAttempts: 0,
      lockedAt: null,
      lockReason: null,
      lockedUntil: null,
      loginLockouts: 0,
    };
    this.users.set(username, user);
    return copy(user);
  }

  user(username: string): UserEntity {
    const user = this.users.get(username);
    if (!user) throw new Error(`no user ${username}`);
    return copy(user);
  }

  auditOf(entity: string): RecordedAuditEntry[] {
    return this.platform.audit.of(entity);
  }

  snapshot() {
    return copy({ users: this.users, sessions: this.sessions });
  }

  restore(s: ReturnType<FakeIdentityStore['snapshot']>): void {
    Object.assign(this, s);
  }
}

class FakeUserRepository {
  constructor(private readonly store: FakeIdentityStore) {}
  async findByUsername(username: string) {
    const u = this.store.users.get(username);
    return u ? copy(u) : null;
  }
  async findByUsernameForUpdate(_: EntityManager, username: string) {
    return this.findByUsername(username);
  }
  async list() {
    return [...this.store.users.values()].sort((a, b) => a.username.localeCompare(b.username)).map(copy);
  }
  async saveSecurityState(_: EntityManager, userId: string, s: SecurityState) {
    const user = [...this.store.users.values()].find((u) => u.id === userId);
    if (!user) throw new Error(`no user ${userId}`);
    Object.assign(user, {
      failedSignatureAttempts: s.failedSignatureAttempts,
      failedLoginAttempts: s.failedLoginAttempts,
      lockedAt: s.lockedAt,
      lockedUntil: s.lockedUntil,
      loginLockouts: s.loginLockouts,
      lockReason: s.lockReason,
    });
  }
}

class FakeSigningSessionRepository {
  constructor(private readonly store: FakeIdentityStore) {}
  async hasSigned(_: EntityManager, sessionId: string, userId: string) {
    return this.store.sessions.get(sessionId)?.userId === userId;
  }
  async recordFirstSignature(_: EntityManager, sessionId: string, userId: string, at: Date) {
    if (!this.store.sessions.has(sessionId)) this.store.sessions.set(sessionId, { userId, firstSignedAt: at });
  }
  async endSessionsOf(_: EntityManager, userId: string) {
    for (const [sid, s] of this.store.sessions) if (s.userId === userId) this.store.sessions.delete(sid);
  }
}

/** `hash:<password>`: the rules under test do not need argon2's cost. */
export class FakePasswordHasher {
  async hash(password: string) {
    return `hash:${password}`;
  }
  async verify(hash: string | null, password: string) {
    return hash !== null && hash === `hash:${password}`;
  }
}

export const TEST_CONFIG = {
  AUTH_JWT_SECRET: 's'.repeat(32),
  AUTH_JWT_ISSUER: 'mes-identity',
  AUTH_JWT_AUDIENCE: 'mes',
  AUTH_TOKEN_TTL_SECONDS: 3600,
  SIGNATURE_MAX_FAILED_ATTEMPTS: 3,
  LOGIN_LOCKOUT_MINUTES: 15,
} as IdentityConfig;

/** The users module wired onto one fake store. */
export function fakeIdentity(config: Partial<IdentityConfig> = {}) {
  const platform = platformTwin({ now: '2026-06-01T08:00:00.000Z', producer: 'identity' });
  const store = new FakeIdentityStore(platform);
  const { clock, uow, audit, outbox } = platform;
  const settings = { ...TEST_CONFIG, ...config } as IdentityConfig;
  const users = new FakeUserRepository(store) as unknown as UserRepository;
  const sessions = new FakeSigningSessionRepository(store) as unknown as SigningSessionRepository;
  const hasher = new FakePasswordHasher() as unknown as PasswordHasher;
  const lockout = new AccountLockoutService(users, sessions, outbox, audit, clock, settings);
  return {
    store,
    clock,
    lockout,
    auth: new AuthService(users, lockout, hasher, uow, audit, settings),
    signatures: new SignatureService(users, sessions, lockout, hasher, uow, audit, clock, settings),
    admin: new UserAdminService(users, uow, outbox, audit, clock),
  };
}

/** The token's view of a stored user, in a given login session. */
export function signerOf(user: UserEntity, sessionId?: string): AuthUser {
  const signer: AuthUser = { id: user.id, username: user.username, name: user.displayName, roles: user.roles, clinicId: user.clinicId };
  if (sessionId !== undefined) signer.sessionId = sessionId;
  return signer;
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function refusalOf(promise: Promise<unknown>): Promise<Error & { status?: number; code?: string; errors?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
