import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface RefusedLot {
  lotId: string;
  materialCode: string;
  reason: string;
}

/** A refused attempt to use a lot that may not be used: kept although the step was refused (GMP: attempted misuse is evidence). */
@Entity('material_refusal')
export class MaterialRefusalEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('text', { name: 'user_name' }) userName: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text', { name: 'step_code' }) stepCode: string;
  @Column('jsonb') lots: RefusedLot[];
}
