import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SigningSessionEntity } from './signing-session.entity';

@Injectable()
export class SigningSessionRepository {
  async hasSigned(tx: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    return tx.getRepository(SigningSessionEntity).existsBy({ sessionId, userId });
  }

  async recordFirstSignature(tx: EntityManager, sessionId: string, userId: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO signing_session (session_id, user_id, first_signed_at) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, userId, at],
    );
  }

  /** After a lock, every open session of the user signs with both components again. */
  async endSessionsOf(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(SigningSessionEntity).delete({ userId });
  }
}
