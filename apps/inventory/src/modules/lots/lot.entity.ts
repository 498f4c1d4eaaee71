import { Column, Entity, PrimaryColumn } from 'typeorm';

export const LOT_STATUSES = ['quarantine', 'released', 'rejected', 'expired'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];
export type ExpiryReason = 'shelf-life' | 'use-by-after-thaw';

// Postgres NUMERIC arrives as a string; quantities here are small enough for a JS number.
export const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('reagent_lot')
export class LotEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'material_code' }) materialCode: string;
  @Column('text', { name: 'supplier_lot' }) supplierLot: string;
  @Column('numeric', { transformer: numeric }) quantity: number;
  @Column('text') unit: string;
  @Column('text') status: LotStatus;
  @Column('text', { name: 'status_reason', nullable: true }) statusReason: string | null;
  @Column('timestamptz', { name: 'status_changed_at' }) statusChangedAt: Date;
  @Column('text', { name: 'status_changed_by' }) statusChangedBy: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('text', { name: 'received_by' }) receivedBy: string;
  @Column('timestamptz', { name: 'thawed_at', nullable: true }) thawedAt: Date | null;
  @Column('timestamptz', { name: 'use_by', nullable: true }) useBy: Date | null;
  @Column('uuid', { name: 'thawed_batch_id', nullable: true }) thawedBatchId: string | null;
  @Column('timestamptz', { name: 'expired_at', nullable: true }) expiredAt: Date | null;
  @Column('text', { name: 'expiry_reason', nullable: true }) expiryReason: ExpiryReason | null;
}
