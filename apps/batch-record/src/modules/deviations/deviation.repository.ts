import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeviationEntity } from './deviation.entity';

@Injectable()
export class DeviationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** DEV-2026-0001: per-year counter; the row lock serializes concurrent openings. */
  async nextNumber(tx: EntityManager, year: number): Promise<string> {
    const rows: { last_value: number }[] = await tx.query(
      `INSERT INTO deviation_number_sequence (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = deviation_number_sequence.last_value + 1 RETURNING last_value`,
      [year],
    );
    return `DEV-${year}-${String(rows[0].last_value).padStart(4, '0')}`;
  }

  async insert(tx: EntityManager, deviation: DeviationEntity): Promise<void> {
    await tx.getRepository(DeviationEntity).insert(deviation);
  }

  async save(tx: EntityManager, deviation: DeviationEntity): Promise<void> {
    await tx.getRepository(DeviationEntity).save(deviation);
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<DeviationEntity | null> {
    return tx.getRepository(DeviationEntity).findOneBy({ id });
  }

  findByIdForUpdate(tx: EntityManager, id: string): Promise<DeviationEntity | null> {
    return tx.getRepository(DeviationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  forBatch(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<DeviationEntity[]> {
    return tx.getRepository(DeviationEntity).find({ where: { batchId }, order: { openedAt: 'ASC', number: 'ASC' } });
  }

  list(filter: { state?: 'open' | 'closed'; classification?: string }, limit: number): Promise<DeviationEntity[]> {
    return this.dataSource.getRepository(DeviationEntity).find({
      where: {
        ...(filter.state ? { state: filter.state } : {}),
        ...(filter.classification ? { classification: filter.classification as DeviationEntity['classification'] } : {}),
      },
      order: { openedAt: 'DESC' },
      take: limit,
    });
  }
}
