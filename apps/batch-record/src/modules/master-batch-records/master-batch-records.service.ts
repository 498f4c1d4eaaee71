import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  RuleViolationProblem,
  UnitOfWork,
  ValidationProblem,
  SignatureInput,
  contentHash,
  AuditTrail,
} from '@mes/platform';
import { SignatureService } from '../signatures/signature.service';
import { SignatureView } from '../signatures/signature-content';
import { MasterBatchRecordRepository } from './master-batch-record.repository';
import { parseMbrFile } from './mbr-files';
import { MbrTransition, TARGET, mbrTransitionError } from './mbr-lifecycle';
import { MasterBatchRecordEntity, MbrStepEntity } from './mbr.entity';
import { MbrFile } from './mbr-schema';
import { insertMbrVersion } from './mbr-store';
import { BatchRecordAuditEntity } from '../../audit-entities';

export interface MbrSummaryView {
  id: string;
  code: string;
  version: number;
  productCode: string;
  name: string;
  status: string;
  contentHash: string | null;
  stepCount: number;
  importedBy: string | null;
  submittedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  effectiveAt: string | null;
  statusReason: string | null;
}

export interface MbrView extends MbrSummaryView {
  document: MbrFile | null;
  steps: { sequence: number; code: string; name: string; unitProcedureCode: string | null; operationCode: string | null }[];
  signatures: SignatureView[];
}

const summary = (mbr: MasterBatchRecordEntity, stepCount: number): MbrSummaryView => ({
  id: mbr.id,
  code: mbr.code,
  version: mbr.version,
  productCode: mbr.productCode,
  name: mbr.name,
  status: mbr.status,
  contentHash: mbr.contentHash,
  stepCount,
  importedBy: mbr.importedBy,
  submittedBy: mbr.submittedBy,
  approvedBy: mbr.approvedBy,
  approvedAt: mbr.approvedAt?.toISOString() ?? null,
  effectiveAt: mbr.effectiveAt?.toISOString() ?? null,
  statusReason: mbr.statusReason,
});

/** MBR lifecycle: import (draft) → submit (in review) → QA approval with e-signature (approved) → effective → superseded / retired. */
@Injectable()
export class MasterBatchRecordsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly clock: Clock,
    private readonly mbrs: MasterBatchRecordRepository,
    private readonly signatures: SignatureService,
  ) {}

  async list(): Promise<MbrSummaryView[]> {
    const rows = await this.mbrs.list();
    return rows.map((m) => summary(m, m.document ? countSteps(m.document) : 0));
  }

  async get(id: string): Promise<MbrView> {
    const found = await this.mbrs.findWithSteps(id);
    if (!found) throw new NotFoundProblem('Master batch record', id);
    return this.view(found.mbr, found.steps);
  }

  /** Validates the file against the schema and stores it as a new draft version; a (code, version) that exists is refused. */
  import(user: AuthUser, raw: unknown): Promise<MbrView> {
    const parsed = parseMbrFile(raw);
    if (!parsed.ok) throw new ValidationProblem(parsed.problems, 'The MBR file does not match the schema; nothing was imported');
    const mbr = parsed.mbr;
    return this.uow.run(async (tx) => {
      const existing = await this.mbrs.findVersion(tx, mbr.code, mbr.version);
      if (existing) {
        throw new ConflictProblem(
          'mbr-version-exists',
          `${mbr.code} version ${mbr.version} exists (${existing.status}); a changed recipe needs a new version number`,
          [{ field: 'version', reason: 'already exists' }],
        );
      }
      const inserted = await insertMbrVersion(tx, mbr, 'draft', user.username, this.clock.now());
      await this.audit.change(tx, {
        entity: 'master_batch_record',
        id: inserted.id,
        actor: user,
        after: { code: mbr.code, version: mbr.version, status: 'draft', contentHash: inserted.contentHash },
      });
      const found = await this.mbrs.findWithSteps(inserted.id, tx);
      return this.view(found!.mbr, found!.steps);
    });
  }

  submit(user: AuthUser, id: string): Promise<MbrView> {
    return this.transition(user, id, 'submit', null, async (mbr) => {
      mbr.submittedAt = this.clock.now();
      mbr.submittedBy = user.username;
    });
  }

  returnToDraft(user: AuthUser, id: string, reason: string): Promise<MbrView> {
    return this.transition(user, id, 'return-to-draft', reason, async () => undefined);
  }

  /** QA approval is an electronic signature over the content hash; the person who imported or submitted it may not approve it. */
  async approve(user: AuthUser, token: string, id: string, signature: SignatureInput, comment: string | null): Promise<MbrView> {
    const signed = await this.signatures.verify(token, signature);
    return this.transition(user, id, 'approve', comment, async (mbr, tx) => {
      if (mbr.importedBy === user.username || mbr.submittedBy === user.username) {
        throw new RuleViolationProblem('approver-is-author', 'The author of an MBR version cannot approve it; another QA person must', [
          { field: 'user', reason: `${user.username} imported or submitted this version` },
        ]);
      }
      await this.signatures.record(tx, signed, {
        signer: user,
        subjectType: 'mbr',
        subjectId: mbr.id,
        batchId: null,
        meaning: 'approved',
        content: mbrSignedContent(mbr),
        comment,
      });
      mbr.approvedAt = this.clock.now();
      mbr.approvedBy = user.name;
    });
  }

  /** Makes an approved version the one new batches start from; the previous effective version is superseded in the same transaction. */
  makeEffective(user: AuthUser, id: string): Promise<MbrView> {
    return this.transition(user, id, 'make-effective', null, async (mbr, tx) => {
      const current = await this.mbrs.findEffective(tx, mbr.code);
      if (current) {
        const before = { status: current.mbr.status };
        current.mbr.status = 'superseded';
        current.mbr.statusReason = `superseded by version ${mbr.version}`;
        current.mbr.retiredAt = this.clock.now();
        await this.mbrs.save(tx, current.mbr);
        await this.audit.change(tx, {
          entity: 'master_batch_record',
          id: current.mbr.id,
          actor: user,
          before: before,
          after: { status: 'superseded' },
          reason: current.mbr.statusReason,
        });
      }
      mbr.effectiveAt = this.clock.now();
    });
  }

  retire(user: AuthUser, id: string, reason: string): Promise<MbrView> {
    return this.transition(user, id, 'retire', reason, async (mbr) => {
      mbr.retiredAt = this.clock.now();
    });
  }

  private transition(
    user: AuthUser,
    id: string,
    transition: MbrTransition,
    reason: string | null,
    apply: (mbr: MasterBatchRecordEntity, tx: EntityManager) => Promise<void>,
  ): Promise<MbrView> {
    return this.uow.run(async (tx) => {
      const mbr = await this.mbrs.findByIdForUpdate(tx, id);
      if (!mbr) throw new NotFoundProblem('Master batch record', id);
      const refused = mbrTransitionError(mbr.status, transition);
      if (refused) throw new ConflictProblem('mbr-status', refused, [{ field: 'status', reason: refused }]);
      const oldStatus = mbr.status;
      await apply(mbr, tx);
      mbr.status = TARGET[transition];
      if (reason !== null) mbr.statusReason = reason;
      await this.mbrs.save(tx, mbr);
      await this.audit.change(tx, {
        entity: 'master_batch_record',
        id: mbr.id,
        actor: user,
        before: { status: oldStatus },
        after: { status: mbr.status },
        reason: reason ?? transition,
      });
      const found = await this.mbrs.findWithSteps(mbr.id, tx);
      return this.view(found!.mbr, found!.steps, tx);
    });
  }

  private async view(mbr: MasterBatchRecordEntity, steps: MbrStepEntity[], tx?: EntityManager): Promise<MbrView> {
    const signatures = await this.signatures.forSubjects([mbr.id], tx);
    const hash = contentHash(mbrSignedContent(mbr));
    return {
      ...summary(mbr, steps.length),
      document: mbr.document,
      steps: steps.map((s) => ({
        sequence: s.sequence,
        code: s.code,
        name: s.name,
        unitProcedureCode: s.unitProcedureCode,
        operationCode: s.operationCode,
      })),
      signatures: signatures.map((s) => this.signatures.view(s, hash)),
    };
  }
}

/** What QA's approval signature covers: the identity of the version and the hash of its whole content. */
export function mbrSignedContent(mbr: Pick<MasterBatchRecordEntity, 'id' | 'code' | 'version' | 'contentHash'>) {
  return { mbrId: mbr.id, code: mbr.code, version: mbr.version, contentHash: mbr.contentHash };
}

function countSteps(doc: MbrFile): number {
  return doc.procedure.unitProcedures.reduce((n, u) => n + u.operations.reduce((m, o) => m + o.steps.length, 0), 0);
}
