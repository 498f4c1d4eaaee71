import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ApheresisState = 'on-hold' | 'in-process' | 'expired';

const numeric = { to: (v: number) => v, from: (v: string) => Number(v) };

/** A patient's apheresis bag while its hold-time clock runs; one per order. */
@Entity('apheresis_unit')
export class ApheresisUnitEntity {
  @PrimaryColumn('uuid', { name: 'order_id' }) orderId: string;
  @Column('text') coi: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text', { name: 'bag_id' }) bagId: string;
  @Column('timestamptz', { name: 'collected_at' }) collectedAt: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('text', { name: 'received_by' }) receivedBy: string;
  @Column('numeric', { name: 'hold_time_hours', transformer: numeric }) holdTimeHours: number;
  @Column('timestamptz', { name: 'hold_until' }) holdUntil: Date;
  @Column('timestamptz', { name: 'warn_at' }) warnAt: Date;
  @Column('text') state: ApheresisState;
  @Column('timestamptz', { name: 'warned_at', nullable: true }) warnedAt: Date | null;
  @Column('timestamptz', { name: 'expired_at', nullable: true }) expiredAt: Date | null;
  @Column('uuid', { name: 'batch_id', nullable: true }) batchId: string | null;
  @Column('timestamptz', { name: 'manufacturing_started_at', nullable: true }) manufacturingStartedAt: Date | null;
}
