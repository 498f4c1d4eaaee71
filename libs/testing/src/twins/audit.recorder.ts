import { EntityManager } from 'typeorm';
import { AuditEntry, AuditTrail, AuditVerification, Clock } from '@mes/platform';
import { UnitOfWorkTwin, without } from './unit-of-work.twin';

export type RecordedAuditEntry = AuditEntry & { at: Date };

/** AuditTrail that keeps each entry (stamped when appended, like the real one) unless its transaction rolls back. */
export class AuditRecorder extends AuditTrail {
  readonly entries: RecordedAuditEntry[] = [];

  constructor(
    private readonly uow: UnitOfWorkTwin,
    private readonly time: Clock,
  ) {
    super(time);
  }

  override async append(tx: EntityManager, entry: AuditEntry): Promise<void> {
    const recorded = { ...structuredClone(entry), at: this.time.now() };
    this.entries.push(recorded);
    this.uow.onRollback(tx, () => without(this.entries, recorded));
  }

  override verify(): Promise<AuditVerification> {
    throw new Error('AuditRecorder keeps no hash chain: verify the chain in an integration spec');
  }

  /** Entries about one entity type (and id), in append order. */
  of(entity: string, entityId?: string): RecordedAuditEntry[] {
    return this.entries.filter((e) => e.entity === entity && (entityId === undefined || e.entityId === entityId));
  }
}
