import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  RuleViolationProblem,
  UnitOfWork,
  UserDirectory,
  AuditTrail,
} from '@mes/platform';
import { MasterBatchRecordRepository } from '../master-batch-records/master-batch-record.repository';
import { TrainingRecordEntity } from './training-record.entity';
import { TrainingRepository } from './training.repository';
import { assertTrained } from './training-rules';
import { BatchRecordAuditEntity } from '../../audit-entities';

export interface TrainingView {
  username: string;
  operationCode: string;
  validUntil: string;
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
  valid: boolean;
}

@Injectable()
export class TrainingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly training: TrainingRepository,
    private readonly mbrs: MasterBatchRecordRepository,
    private readonly users: UserDirectory,
  ) {}

  /** Refuses a user whose training does not cover the step's MBR operation now. */
  async assert(
    tx: EntityManager,
    who: AuthUser,
    step: { operationCode: string | null; operationName: string | null },
    role: 'perform' | 'verify',
  ): Promise<void> {
    if (!step.operationCode) return; // Steps of the pre-ISA-88 skeleton carry no operation (only in databases older than the eBR migration).
    const record = await this.training.find(tx, who.username, step.operationCode);
    assertTrained(record, who, { code: step.operationCode, name: step.operationName ?? step.operationCode }, role, this.clock.now());
  }

  async list(filter: { username?: string }): Promise<TrainingView[]> {
    const now = this.clock.now();
    return (await this.training.list(filter)).map((r) => toView(r, now));
  }

  /** Grants or extends a user's training for one operation (training coordinator: QA or admin), to a user identity has. */
  async grant(
    user: AuthUser,
    token: string,
    input: { username: string; operationCode: string; validUntil: Date; reason: string },
  ): Promise<TrainingView> {
    // Asked before the transaction: no row is locked while identity answers.
    await this.users.assertActive(token, input.username);
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      if (input.validUntil.getTime() <= now.getTime()) {
        throw new RuleViolationProblem('valid-until-past', 'A training record must be valid in the future', [
          { field: 'validUntil', reason: 'is not in the future' },
        ]);
      }
      const operations = await this.mbrs.operations(tx);
      if (!operations.some((o) => o.code === input.operationCode)) {
        throw new RuleViolationProblem('unknown-operation', `No MBR has an operation ${input.operationCode}`, [
          { field: 'operationCode', reason: 'is not an operation of any MBR' },
        ]);
      }
      const existing = await this.training.find(tx, input.username, input.operationCode);
      const record: TrainingRecordEntity = existing
        ? { ...existing, validUntil: input.validUntil, grantedAt: now, grantedBy: user.username, revokedAt: null, revokedBy: null }
        : {
            id: randomUUID(),
            username: input.username,
            operationCode: input.operationCode,
            validUntil: input.validUntil,
            grantedAt: now,
            grantedBy: user.username,
            revokedAt: null,
            revokedBy: null,
          };
      await this.training.save(tx, record);
      await this.audit.change(tx, {
        entity: 'training_record',
        id: record.id,
        actor: user,
        before: existing ? { validUntil: existing.validUntil, revokedAt: existing.revokedAt } : null,
        after: { username: record.username, operationCode: record.operationCode, validUntil: record.validUntil },
        reason: input.reason,
        action: existing ? 'update' : 'create',
      });
      return toView(record, now);
    });
  }

  revoke(user: AuthUser, input: { username: string; operationCode: string; reason: string }): Promise<TrainingView> {
    return this.uow.run(async (tx) => {
      const existing = await this.training.find(tx, input.username, input.operationCode);
      if (!existing) throw new NotFoundProblem('Training record', `${input.username}/${input.operationCode}`);
      if (existing.revokedAt)
        throw new ConflictProblem(
          'training-already-revoked',
          `This training was revoked on ${existing.revokedAt.toISOString()} by ${existing.revokedBy}`,
        );
      const now = this.clock.now();
      const record = { ...existing, revokedAt: now, revokedBy: user.username };
      await this.training.save(tx, record);
      await this.audit.change(tx, {
        entity: 'training_record',
        id: record.id,
        actor: user,
        before: { revokedAt: null },
        after: { revokedAt: now },
        reason: input.reason,
      });
      return toView(record, now);
    });
  }

  operations() {
    return this.mbrs.operations();
  }
}

function toView(r: TrainingRecordEntity, now: Date): TrainingView {
  return {
    username: r.username,
    operationCode: r.operationCode,
    validUntil: r.validUntil.toISOString(),
    grantedAt: r.grantedAt.toISOString(),
    grantedBy: r.grantedBy,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    valid: !r.revokedAt && r.validUntil.getTime() > now.getTime(),
  };
}
