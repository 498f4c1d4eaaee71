import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LotStatus } from './lot.entity';

export type LotAuditAction = 'received' | 'released' | 'rejected' | 'thawed' | 'expired';

/** One line of a lot's audit trail; the table refuses updates and deletes. */
@Entity('lot_audit')
export class LotAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column('uuid', { name: 'lot_id' }) lotId: string;
  @Column('text') action: LotAuditAction;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: LotStatus | null;
  @Column('text', { name: 'to_status' }) toStatus: LotStatus;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text') actor: string;
  @Column('timestamptz') at: Date;
}
