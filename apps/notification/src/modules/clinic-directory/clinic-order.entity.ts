import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: which clinic an order belongs to, learned from batch-record's order events. */
@Entity('clinic_order')
export class ClinicOrderEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text') coi: string;
  @Column('date', { name: 'slot_date', nullable: true }) slotDate: string | null;
  @Column('timestamptz', { name: 'learned_at' }) learnedAt: Date;
}
