import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchCompletedFacts, BatchStartedFacts, BatchViewRepository } from './batch-view.repository';

/** Keeps QC's read model of batches; it runs inside the consumer's transaction, next to the inbox entry. */
@Injectable()
export class BatchViewService {
  constructor(private readonly batches: BatchViewRepository) {}

  started(tx: EntityManager, facts: BatchStartedFacts): Promise<void> {
    return this.batches.recordStarted(tx, facts);
  }

  completed(tx: EntityManager, facts: BatchCompletedFacts): Promise<void> {
    return this.batches.recordCompleted(tx, facts);
  }
}
