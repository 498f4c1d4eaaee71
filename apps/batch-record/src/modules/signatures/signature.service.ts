import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditTrail, AuthUser, Clock, SERVICE_CONFIG, SignatureVerifier, SignatureInput, contentHash } from '@mes/platform';
import { BatchRecordConfig } from '../../config/batch-record.config';
import { SignatureView, toSignatureView } from './signature-content';
import { SignatureEntity, SignatureMeaning, SignatureSubject } from './signature.entity';

export interface SignRequest {
  signer: AuthUser;
  /** The signer's own bearer token: identity checks the password against the person it names. */
  token: string;
  input: SignatureInput;
  subjectType: SignatureSubject;
  subjectId: string;
  batchId: string | null;
  meaning: SignatureMeaning;
  content: Record<string, unknown>;
  comment?: string | null;
}

/** Electronic signatures: the password is re-checked by identity, then the signature is stored and audited in the caller's transaction. */
@Injectable()
export class SignatureService {
  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<BatchRecordConfig, 'SITE_TIME_ZONE'>,
  ) {}

  /** A signature as people read it: valid when the current content still hashes to what was signed; time also in the site's zone. */
  view(s: SignatureEntity, currentHash: string): SignatureView {
    return toSignatureView(s, currentHash, this.config.SITE_TIME_ZONE);
  }

  /**
   * Checks the password first: a rejected signature throws before anything is written, and the caller's
   * transaction rolls back. Identity records the failed attempt and locks the account after repeated ones.
   */
  async sign(tx: EntityManager, req: SignRequest): Promise<SignatureEntity> {
    await this.authenticate(req.token, req.input);
    return this.record(tx, req);
  }

  /** The password (and at a session's first signature the username) checked by identity; throws if refused. */
  async authenticate(token: string, input: SignatureInput): Promise<void> {
    await this.verifier.verify(token, input.password, input.username);
  }

  /**
   * Stores a signature whose credentials `authenticate` already accepted in this request. Callers authenticate
   * early, before they take shared locks, so no lot or counter row stays locked while identity answers.
   */
  async record(tx: EntityManager, req: SignRequest): Promise<SignatureEntity> {
    const signature: SignatureEntity = {
      id: randomUUID(),
      batchId: req.batchId,
      subjectType: req.subjectType,
      subjectId: req.subjectId,
      meaning: req.meaning,
      signerId: req.signer.id,
      signerUsername: req.signer.username,
      printedName: req.signer.name,
      signedAt: this.clock.now(),
      contentHash: contentHash(req.content),
      content: req.content,
      comment: req.comment ?? null,
    };
    // TypeORM cannot type a free-form jsonb column for insert; the entity is complete.
    await tx
      .getRepository(SignatureEntity)
      .insert(signature as unknown as Parameters<ReturnType<EntityManager['getRepository']>['insert']>[0]);
    await this.audit.append(tx, {
      actor: req.signer,
      action: 'create',
      entity: 'signature',
      entityId: signature.id,
      newValue: { ...signature, content: undefined },
    });
    return signature;
  }

  forSubjects(subjectIds: string[], tx: EntityManager = this.dataSource.manager): Promise<SignatureEntity[]> {
    if (subjectIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(SignatureEntity).find({ where: { subjectId: In(subjectIds) }, order: { signedAt: 'ASC' } });
  }

  /** Who has entered or changed the data of this subject (performed or corrected it): they may not also verify or decide it. */
  async authorsOf(tx: EntityManager, subjectId: string): Promise<Set<string>> {
    const rows = await tx.getRepository(SignatureEntity).find({ where: { subjectId, meaning: In(['performed', 'corrected']) } });
    return new Set(rows.map((r) => r.signerId));
  }

  forBatches(batchIds: string[], tx: EntityManager = this.dataSource.manager): Promise<SignatureEntity[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(SignatureEntity).find({ where: { batchId: In(batchIds) }, order: { signedAt: 'ASC' } });
  }
}
