import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ViewerScope } from '@mes/platform';
import { BatchEntity, BatchStepEntity } from './batch.entity';
import { StepCorrectionEntity } from './step-correction.entity';

@Injectable()
export class BatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Next lot sequence for the year; the row lock on the counter serializes concurrent batch starts. */
  async nextLotSequence(tx: EntityManager, year: number): Promise<number> {
    const rows: { last_value: number }[] = await tx.query(
      `INSERT INTO lot_number_sequence (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = lot_number_sequence.last_value + 1 RETURNING last_value`,
      [year],
    );
    return rows[0].last_value;
  }

  async insert(tx: EntityManager, batch: BatchEntity, steps: BatchStepEntity[]): Promise<void> {
    await tx.getRepository(BatchEntity).insert(batch);
    await tx.getRepository(BatchStepEntity).insert(steps);
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<BatchEntity | null> {
    return tx.getRepository(BatchEntity).findOneBy({ id });
  }

  findByOrderId(tx: EntityManager, orderId: string): Promise<BatchEntity | null> {
    return tx.getRepository(BatchEntity).findOneBy({ orderId });
  }

  list(
    scope: ViewerScope,
    filter: { orderId?: string; state?: string },
    limit: number,
    tx: EntityManager = this.dataSource.manager,
  ): Promise<BatchEntity[]> {
    return tx.getRepository(BatchEntity).find({
      where: {
        ...(scope.kind === 'clinic' ? { clinicId: scope.clinicId } : {}),
        ...(filter.orderId ? { orderId: filter.orderId } : {}),
        ...(filter.state ? { state: filter.state as BatchEntity['state'] } : {}),
      },
      order: { startedAt: 'DESC' },
      take: limit,
    });
  }

  stepsOf(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<BatchStepEntity[]> {
    return tx.getRepository(BatchStepEntity).find({ where: { batchId }, order: { sequence: 'ASC' } });
  }

  /** The steps of many batches in one query, by batch id, each in sequence order. */
  async stepsOfMany(batchIds: string[]): Promise<Map<string, BatchStepEntity[]>> {
    const byBatch = new Map<string, BatchStepEntity[]>(batchIds.map((id) => [id, []]));
    if (batchIds.length === 0) return byBatch;
    const steps = await this.dataSource
      .getRepository(BatchStepEntity)
      .find({ where: { batchId: In(batchIds) }, order: { sequence: 'ASC' } });
    for (const step of steps) byBatch.get(step.batchId)!.push(step);
    return byBatch;
  }

  async saveStep(tx: EntityManager, step: BatchStepEntity): Promise<void> {
    await tx.getRepository(BatchStepEntity).save(step);
  }

  async saveBatch(tx: EntityManager, batch: BatchEntity): Promise<void> {
    await tx.getRepository(BatchEntity).save(batch);
  }

  async insertCorrection(tx: EntityManager, correction: StepCorrectionEntity): Promise<void> {
    await tx.getRepository(StepCorrectionEntity).insert(correction);
  }

  corrections(batchId: string, tx: EntityManager = this.dataSource.manager): Promise<StepCorrectionEntity[]> {
    return tx.getRepository(StepCorrectionEntity).find({ where: { batchId }, order: { correctedAt: 'ASC' } });
  }
}
