import { Column, Entity, PrimaryColumn } from 'typeorm';

export type Decision = 'released' | 'rejected';
export type SignatureMeaning = 'approved-for-release' | 'rejected';

/** The QA electronic signature on a batch; the primary key makes a second disposition impossible. */
@Entity('qc_disposition')
export class DispositionEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text') decision: Decision;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text') meaning: SignatureMeaning;
  @Column('text', { name: 'signed_by' }) signedBy: string;
  @Column('text', { name: 'signed_by_username' }) signedByUsername: string;
  @Column('text', { name: 'signed_by_name' }) signedByName: string;
  @Column('timestamptz', { name: 'signed_at' }) signedAt: Date;
  @Column('jsonb', { name: 'signed_content' }) signedContent: object;
  @Column('text', { name: 'content_hash' }) contentHash: string;
}
