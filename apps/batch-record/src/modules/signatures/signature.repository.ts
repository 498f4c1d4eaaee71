import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { SignatureEntity } from './signature.entity';

/** Signatures are append-only: inserted once, never updated or deleted. */
@Injectable()
export class SignatureRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, signature: SignatureEntity): Promise<void> {
    // TypeORM cannot type a free-form jsonb column for insert; the entity is complete.
    await tx
      .getRepository(SignatureEntity)
      .insert(signature as unknown as Parameters<ReturnType<EntityManager['getRepository']>['insert']>[0]);
  }

  forSubjects(subjectIds: string[], tx: EntityManager = this.dataSource.manager): Promise<SignatureEntity[]> {
    if (subjectIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(SignatureEntity).find({ where: { subjectId: In(subjectIds) }, order: { signedAt: 'ASC' } });
  }

  forBatches(batchIds: string[], tx: EntityManager = this.dataSource.manager): Promise<SignatureEntity[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return tx.getRepository(SignatureEntity).find({ where: { batchId: In(batchIds) }, order: { signedAt: 'ASC' } });
  }

  /** The signers of a subject with one of the meanings. */
  async signerIds(tx: EntityManager, subjectId: string, meanings: SignatureEntity['meaning'][]): Promise<Set<string>> {
    const rows = await tx.getRepository(SignatureEntity).find({ where: { subjectId, meaning: In(meanings) } });
    return new Set(rows.map((r) => r.signerId));
  }
}
