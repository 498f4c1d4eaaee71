import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: which order, clinic and COI a batch belongs to, learned from BatchStartedV1. */
@Entity('clinic_batch')
export class ClinicBatchEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' }) batchId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text') coi: string;
  @Column('text', { name: 'lot_number' }) lotNumber: string;
  @Column('timestamptz', { name: 'learned_at' }) learnedAt: Date;
}
