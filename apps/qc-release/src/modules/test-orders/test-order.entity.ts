import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ResultValue } from './specification';
import { Specification } from './test-plan';

export type TestOrderStatus = 'pending' | 'overdue' | 'resulted';

@Entity('qc_test_order')
export class TestOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'batch_id' }) batchId: string;
  @Column('text', { name: 'test_plan' }) testPlan: string;
  @Column('text', { name: 'test_code' }) testCode: string;
  @Column('text', { name: 'test_name' }) testName: string;
  @Column('jsonb') specification: Specification;
  @Column('text') status: TestOrderStatus;
  @Column('timestamptz', { name: 'sampled_at' }) sampledAt: Date;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'overdue_at', nullable: true }) overdueAt: Date | null;
  @Column('jsonb', { nullable: true }) result: ResultValue | null;
  @Column('boolean', { nullable: true }) conforms: boolean | null;
  @Column('text', { name: 'result_comment', nullable: true }) resultComment: string | null;
  @Column('text', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('text', { name: 'recorded_by_name', nullable: true }) recordedByName: string | null;
  @Column('timestamptz', { name: 'recorded_at', nullable: true }) recordedAt: Date | null;
  @Column('text', { name: 'corrected_by', nullable: true }) correctedBy: string | null;
  @Column('text', { name: 'corrected_by_name', nullable: true }) correctedByName: string | null;
  @Column('timestamptz', { name: 'corrected_at', nullable: true }) correctedAt: Date | null;
  @Column('text', { name: 'correction_reason', nullable: true }) correctionReason: string | null;
  /** Set when the batch disposition is signed: the order then takes no results and raises no alerts. */
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
}
