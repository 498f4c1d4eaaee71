import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, UnitOfWork, AuditTrail } from '@mes/platform';
import { IdentityRefusalEntity } from './identity-refusal.entity';
import { CoiMismatch } from './coi-mismatch';
import { IdentityRefusalRepository } from './identity-refusal.repository';
import { BatchRecordAuditEntity } from '../../audit-entities';

/** Records refused chain-of-identity scans in their own transaction, after the guarded work has rolled back. */
@Injectable()
export class IdentityRefusalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly refusals: IdentityRefusalRepository,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
  ) {}

  /** Runs work; if it refuses a COI scan, commits a refusal record and rethrows the refusal. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CoiMismatch) await this.record(error);
      throw error;
    }
  }

  private async record({ scan }: CoiMismatch): Promise<void> {
    await this.uow.run(async (tx) => {
      const refusal: IdentityRefusalEntity = {
        id: randomUUID(),
        occurredAt: this.clock.now(),
        userId: scan.user.id,
        userName: scan.user.username,
        orderId: scan.orderId,
        batchId: scan.batchId,
        expectedCoi: scan.expectedCoi,
        scannedCoi: scan.scannedCoi,
        context: scan.context,
      };
      await this.refusals.insert(tx, refusal);
      await this.audit.change(tx, { entity: 'identity_refusal', id: refusal.id, actor: scan.user, after: refusal });
    });
  }
}
