import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundProblem } from '@mes/platform';
import { BatchEntity, BatchStepEntity } from '../batches/batch.entity';
import { findStep } from '../batches/rules/step-states';

/**
 * The one way to lock a batch. Every change to a batch, its steps, its timing records or its deviations takes
 * this row lock first: one lock order everywhere (no deadlocks), and a batch's events commit in the order they
 * are keyed (see docs/NOTES.md). The lock is held until the transaction ends.
 */
@Injectable()
export class BatchLock {
  /** The batch, locked; 404 when there is none. */
  async lock(tx: EntityManager, batchId: string): Promise<BatchEntity> {
    const batch = await this.tryLock(tx, batchId);
    if (!batch) throw new NotFoundProblem('Batch', batchId);
    return batch;
  }

  /** The batch (locked) and its steps in sequence order; 404 when there is none. */
  async lockWithSteps(tx: EntityManager, batchId: string): Promise<{ batch: BatchEntity; steps: BatchStepEntity[] }> {
    const batch = await this.lock(tx, batchId);
    return { batch, steps: await this.stepsOf(tx, batchId) };
  }

  /** The batch (locked), all its steps and the one named: what every step use case starts from. */
  async lockForStep(
    tx: EntityManager,
    batchId: string,
    stepCode: string,
  ): Promise<{ batch: BatchEntity; steps: BatchStepEntity[]; step: BatchStepEntity }> {
    const { batch, steps } = await this.lockWithSteps(tx, batchId);
    return { batch, steps, step: findStep(steps, stepCode) };
  }

  /** Like lockWithSteps, but null when the batch does not exist (a timer whose batch is gone has nothing to do). */
  async tryLockWithSteps(tx: EntityManager, batchId: string): Promise<{ batch: BatchEntity; steps: BatchStepEntity[] } | null> {
    const batch = await this.tryLock(tx, batchId);
    return batch ? { batch, steps: await this.stepsOf(tx, batchId) } : null;
  }

  private tryLock(tx: EntityManager, batchId: string): Promise<BatchEntity | null> {
    return tx.getRepository(BatchEntity).findOne({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
  }

  // Read after the lock, so no other transaction changes them until this one ends.
  private stepsOf(tx: EntityManager, batchId: string): Promise<BatchStepEntity[]> {
    return tx.getRepository(BatchStepEntity).find({ where: { batchId }, order: { sequence: 'ASC' } });
  }
}
