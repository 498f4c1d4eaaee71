import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What QC needs to know about a batch, built from batch-record events; either event may arrive first, hence the nullable columns. */
@Entity('qc_batch_view')
export class BatchViewEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text', { name: 'lot_number', nullable: true }) lotNumber: string | null;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @Column('text') coi: string;
  @Column('text', { name: 'clinic_id' }) clinicId: string;
  @Column('text', { name: 'mbr_code', nullable: true }) mbrCode: string | null;
  @Column('int', { name: 'mbr_version', nullable: true }) mbrVersion: number | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
}
