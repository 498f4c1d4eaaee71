import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SignatureMeaning = 'performed' | 'verified' | 'reviewed' | 'approved' | 'decided' | 'corrected' | 'closed';
export type SignatureSubject = 'batch-step' | 'deviation' | 'mbr' | 'batch-review' | 'batch';

/** An electronic signature (21 CFR 11.50): printed name, date-time, meaning, and a hash binding it to what was signed. Append-only. */
@Entity('signature')
export class SignatureEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('text', { name: 'subject_type' }) subjectType: SignatureSubject;
  @Column('uuid', { name: 'subject_id' }) subjectId: string;
  @Column('text') meaning: SignatureMeaning;
  @Column('text', { name: 'signer_id' }) signerId: string;
  @Column('text', { name: 'signer_username' }) signerUsername: string;
  @Column('text', { name: 'printed_name' }) printedName: string;
  @Column('timestamptz', { name: 'signed_at' }) signedAt: Date;
  @Column('text', { name: 'content_hash' }) contentHash: string;
  @Column('jsonb') content: Record<string, unknown>;
  @Column('text', { nullable: true }) comment: string | null;
}
