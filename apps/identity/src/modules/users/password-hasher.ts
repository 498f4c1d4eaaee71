import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** Password hashing behind one class, so the auth rules can be tested without paying for argon2. */
@Injectable()
export class PasswordHasher {
  // Verifying against a real hash when the user is unknown keeps the response time from revealing which usernames exist.
  private readonly dummyHash = argon2.hash('no-such-user-placeholder', { type: argon2.argon2id });

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /** False for a wrong password or an unreadable hash; with no hash, spends the same time and says false. */
  async verify(hash: string | null, password: string): Promise<boolean> {
    if (hash === null) {
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
