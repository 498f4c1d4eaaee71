import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The training matrix: a user may perform or verify steps of an MBR operation until `validUntil`. */
@Entity('training_record')
export class TrainingRecordEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { name: 'operation_code' }) operationCode: string;
  @Column('timestamptz', { name: 'valid_until' }) validUntil: Date;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt: Date;
  @Column('text', { name: 'granted_by' }) grantedBy: string;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('text', { name: 'revoked_by', nullable: true }) revokedBy: string | null;
}
