import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MaterialUseRefusedV1 } from '@mes/contracts';
import { AuthUser, Clock, FieldProblem, OutboxWriter, RuleViolationProblem, UnitOfWork, AuditTrail } from '@mes/platform';
import { BatchEntity } from '../batches/batch.entity';
import { MaterialRefusalEntity, RefusedLot } from './material-refusal.entity';
import { MaterialRefusalRepository } from './material-refusal.repository';
import { BatchRecordAuditEntity } from '../../audit-entities';

export interface MaterialUseAttempt {
  batch: Pick<BatchEntity, 'id' | 'orderId' | 'coi' | 'clinicId' | 'lotNumber'>;
  stepCode: string;
  user: AuthUser;
  lots: RefusedLot[];
}

/** Refuses the use of lots that may not be used (422); carries the attempt so it can be recorded after the rollback. */
export class MaterialRefused extends RuleViolationProblem {
  constructor(
    readonly attempt: MaterialUseAttempt,
    problems: FieldProblem[],
  ) {
    super('material-not-usable', `A scanned lot may not be used: ${attempt.lots.map((l) => l.reason).join('; ')}`, problems);
  }
}

/** Records refused lot uses in their own transaction, after the guarded work has rolled back, and alerts materials and QA. */
@Injectable()
export class MaterialRefusalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly refusals: MaterialRefusalRepository,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
  ) {}

  /** Runs work; if it refuses a lot, commits a refusal record and its alert event together, then rethrows the refusal. */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MaterialRefused) await this.record(error.attempt);
      throw error;
    }
  }

  private async record({ batch, stepCode, user, lots }: MaterialUseAttempt): Promise<void> {
    await this.uow.run(async (tx) => {
      const refusal: MaterialRefusalEntity = {
        id: randomUUID(),
        occurredAt: this.clock.now(),
        userId: user.id,
        userName: user.username,
        batchId: batch.id,
        orderId: batch.orderId,
        stepCode,
        lots,
      };
      await this.refusals.insert(tx, refusal);
      await this.outbox.append(
        tx,
        MaterialUseRefusedV1,
        {
          refusalId: refusal.id,
          batchId: batch.id,
          orderId: batch.orderId,
          coi: batch.coi,
          clinicId: batch.clinicId,
          lotNumber: batch.lotNumber,
          stepCode,
          refusedBy: user.username,
          refusedAt: refusal.occurredAt.toISOString(),
          lots,
        },
        { subject: refusal.id, correlationId: batch.orderId },
      );
      await this.audit.change(tx, { entity: 'material_refusal', id: refusal.id, actor: user, after: refusal });
    });
  }
}
