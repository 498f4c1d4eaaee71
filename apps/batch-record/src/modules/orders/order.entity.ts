import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrderState = 'placed' | 'apheresis-received';

/** A clinic's manufacturing slot for one patient, known here only by its COI and the clinic's opaque reference. */
@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') coi: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text', { name: 'product_code' }) productCode: string;
  @Column('date', { name: 'slot_date' }) slotDate: string;
  @Column('text', { name: 'clinic_patient_ref', nullable: true }) clinicPatientRef: string | null;
  @Column('text') state: OrderState;
  @Column('timestamptz', { name: 'placed_at' }) placedAt: Date;
  @Column('text', { name: 'placed_by_id' }) placedById: string;
  @Column('text', { name: 'placed_by_name' }) placedByName: string;
  @Column('text', { name: 'apheresis_bag_id', nullable: true }) apheresisBagId: string | null;
  @Column('timestamptz', { name: 'apheresis_collected_at', nullable: true }) apheresisCollectedAt: Date | null;
  @Column('timestamptz', { name: 'apheresis_received_at', nullable: true }) apheresisReceivedAt: Date | null;
  @Column('text', { name: 'apheresis_received_by_id', nullable: true }) apheresisReceivedById: string | null;
  @Column('text', { name: 'apheresis_received_by_name', nullable: true }) apheresisReceivedByName: string | null;
  @Column('numeric', {
    name: 'apheresis_hold_time_hours',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  apheresisHoldTimeHours: number | null;
}
