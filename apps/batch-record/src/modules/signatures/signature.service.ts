import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AuthUser,
  Clock,
  SERVICE_CONFIG,
  SignatureInput,
  SignatureVerification,
  SignatureVerifier,
  contentHash,
  AuditTrail,
} from '@mes/platform';
import { BatchRecordConfig } from '../../config/batch-record.config';
import { SignatureView, toSignatureView } from './signature-content';
import { SignatureEntity, SignatureMeaning, SignatureSubject } from './signature.entity';
import { SignatureRepository } from './signature.repository';
import { BatchRecordAuditEntity } from '../../audit-entities';

export interface SignRequest {
  signer: AuthUser;
  subjectType: SignatureSubject;
  subjectId: string;
  batchId: string | null;
  meaning: SignatureMeaning;
  content: Record<string, unknown>;
  comment?: string | null;
}

/** Credentials identity accepted in this request: the only way to `record` a signature, so none is stored unchecked. */
export interface VerifiedSigner {
  /** The signer's own bearer token: identity confirms the session's first signature with it after commit. */
  readonly token: string;
  readonly verification: SignatureVerification;
}

/** Electronic signatures: the password is re-checked by identity, then the signature is stored and audited in the caller's transaction. */
@Injectable()
export class SignatureService {
  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly clock: Clock,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly signatures: SignatureRepository,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<BatchRecordConfig, 'SITE_TIME_ZONE'>,
  ) {}

  /** A signature as people read it: valid when the current content still hashes to what was signed; time also in the site's zone. */
  view(s: SignatureEntity, currentHash: string): SignatureView {
    return toSignatureView(s, currentHash, this.config.SITE_TIME_ZONE);
  }

  /**
   * The password (and at a session's first signature the user name) checked by identity; throws if refused. Call it
   * before the transaction takes any row lock: no batch, lot or counter row stays locked while identity answers.
   */
  async verify(token: string, input: SignatureInput): Promise<VerifiedSigner> {
    return { token, verification: await this.verifier.verify(token, input) };
  }

  /**
   * Stores a signature whose credentials `verify` accepted, audited in the caller's transaction; identity counts the
   * session's first signature only once that transaction commits.
   */
  async record(tx: EntityManager, verified: VerifiedSigner, req: SignRequest): Promise<SignatureEntity> {
    // Identity checked the person the token names: a signature is never recorded under anyone else.
    if (verified.verification.userId !== req.signer.id) throw new Error('The verified signer is not the signer of this record');
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
    await this.signatures.insert(tx, signature);
    await this.audit.change(tx, { entity: 'signature', id: signature.id, actor: req.signer, after: { ...signature, content: undefined } });
    this.verifier.confirmOnCommit(tx, verified.token, verified.verification);
    return signature;
  }

  forSubjects(subjectIds: string[], tx?: EntityManager): Promise<SignatureEntity[]> {
    return this.signatures.forSubjects(subjectIds, tx);
  }

  /** Who has entered or changed the data of this subject (performed or corrected it): they may not also verify or decide it. */
  authorsOf(tx: EntityManager, subjectId: string): Promise<Set<string>> {
    return this.signatures.signerIds(tx, subjectId, ['performed', 'corrected']);
  }

  forBatches(batchIds: string[], tx?: EntityManager): Promise<SignatureEntity[]> {
    return this.signatures.forBatches(batchIds, tx);
  }
}
