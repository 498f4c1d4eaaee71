import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A refused chain-of-identity scan: kept even though the action it guarded was refused (GMP: wrong-patient attempts are evidence). */
@Entity('identity_refusal')
export class IdentityRefusalEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('text', { name: 'user_name' }) userName: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('text', { name: 'expected_coi' }) expectedCoi: string;
  @Column('text', { name: 'scanned_coi' }) scannedCoi: string;
  @Column('text') context: string;
}
