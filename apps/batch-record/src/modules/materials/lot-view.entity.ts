import { Column, Entity, PrimaryColumn } from 'typeorm';

export type LotStatus = 'quarantine' | 'released' | 'rejected';

/** What inventory has told us about a material lot; the batch record's only source for lot usability. */
@Entity('lot_view')
export class LotViewEntity {
  @PrimaryColumn('uuid', { name: 'lot_id' }) lotId: string;
  @Column('text', { name: 'material_code' }) materialCode: string;
  /** Null until the receipt or a status change has been seen (events of other kinds may arrive first). */
  @Column('text', { nullable: true }) status: LotStatus | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { name: 'thawed_at', nullable: true }) thawedAt: Date | null;
  @Column('timestamptz', { name: 'thawed_use_by', nullable: true }) thawedUseBy: Date | null;
  @Column('boolean') expired: boolean;
  @Column('text', { name: 'expired_reason', nullable: true }) expiredReason: string | null;
  /** Inventory's last reported quantity, lowered at once by this service's own consumptions (inventory re-checks every one). */
  @Column('numeric', {
    name: 'quantity_available',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  quantityAvailable: number | null;
  @Column('text', { nullable: true }) unit: string | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
