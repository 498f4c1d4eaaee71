import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of BatchStartedV1, kept so a start that overtakes the apheresis receipt is not lost. */
@Entity('order_batch_start')
export class OrderBatchStartEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
}
