import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numeric } from './lot.entity';

/** One consume-material action of a completed batch step, as applied to the lot (kept even when it was misuse). */
@Entity('lot_consumption')
export class LotConsumptionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'lot_id' }) lotId: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text', { name: 'step_code' }) stepCode: string;
  @Column('numeric', { transformer: numeric }) quantity: number;
  @Column('text') unit: string;
  @Column('numeric', { name: 'quantity_before', transformer: numeric }) quantityBefore: number;
  @Column('numeric', { name: 'quantity_after', transformer: numeric }) quantityAfter: number;
  @Column('text', { name: 'misuse_reason', nullable: true }) misuseReason: string | null;
  @Column('timestamptz', { name: 'consumed_at' }) consumedAt: Date;
  @Column('text', { name: 'consumed_by' }) consumedBy: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('uuid', { name: 'source_event_id' }) sourceEventId: string;
  @Column('int', { name: 'action_index' }) actionIndex: number;
}
