import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A login session (the token's `sid`) that has made its first electronic signature; later ones need the password only. */
@Entity('signing_session')
export class SigningSessionEntity {
  @PrimaryColumn('text', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('timestamptz', { name: 'first_signed_at' }) firstSignedAt: Date;
}
