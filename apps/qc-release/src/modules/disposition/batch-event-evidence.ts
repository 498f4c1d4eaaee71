import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StepCompletedV1 } from '@mes/contracts';
import { EventHead, EventHeadClient, EventSequences, SERVICE_CONFIG } from '@mes/platform';
import { QcReleaseConfig } from '../../config/qc-release.config';
import { BatchEventFacts } from './release-rule';

// The services whose events about a batch (keyed by its id) the release depends on.
export const BATCH_RECORD = 'batch-record';
export const INVENTORY = 'inventory';
export const QC_RELEASE = 'qc-release';

export interface OwnerHeads {
  batchRecord: EventHead;
  inventory: EventHead;
}

/** What qc-release can prove about the batch's events: the sequences it applied, against the owners' heads at signing time. */
@Injectable()
export class BatchEventEvidence {
  constructor(
    private readonly sequences: EventSequences,
    private readonly heads: EventHeadClient,
    @Inject(SERVICE_CONFIG) private readonly config: QcReleaseConfig,
  ) {}

  /** Asks batch-record and inventory, with the signer's own token, for the last event of the batch; throws if either cannot answer. */
  async confirmHeads(batchId: string, signerToken: string): Promise<OwnerHeads> {
    const [batchRecord, inventory] = await Promise.all([
      this.heads.head(BATCH_RECORD, this.config.BATCH_RECORD_URL, batchId, signerToken),
      this.heads.head(INVENTORY, this.config.INVENTORY_URL, batchId, signerToken),
    ]);
    return { batchRecord, inventory };
  }

  /** The facts the release rule checks; without heads (the readiness view) only gaps and qc-release's own dead letters can show. */
  async facts(tx: EntityManager, batchId: string, heads?: OwnerHeads): Promise<BatchEventFacts> {
    const [fromBatchRecord, fromInventory] = [
      await this.sequences.applied(tx, BATCH_RECORD, batchId),
      await this.sequences.applied(tx, INVENTORY, batchId),
    ];
    const ownDeadLetters = await this.sequences.pendingDeadLetters(tx, batchId);
    const steps = fromBatchRecord.filter((e) => e.eventType === StepCompletedV1.type).map((e) => e.sequence);
    return {
      streams: [
        { producer: BATCH_RECORD, applied: fromBatchRecord.map((e) => e.sequence), head: heads?.batchRecord.sequence ?? null },
        { producer: INVENTORY, applied: fromInventory.map((e) => e.sequence), head: heads?.inventory.sequence ?? null },
      ],
      // inventory reports misuse while applying the batch's steps: it must have applied the last one we know of.
      upstream: heads
        ? [
            {
              consumer: INVENTORY,
              producer: BATCH_RECORD,
              needed: Math.max(0, ...steps),
              applied: heads.inventory.applied[BATCH_RECORD] ?? 0,
            },
          ]
        : [],
      // A dead-lettered event is invisible to max(sequence) once a later one is applied: each holder must have none pending.
      deadLetters: [
        ...(heads
          ? [
              { holder: BATCH_RECORD, pending: heads.batchRecord.pendingDeadLetters },
              { holder: INVENTORY, pending: heads.inventory.pendingDeadLetters },
            ]
          : []),
        { holder: QC_RELEASE, pending: ownDeadLetters },
      ],
    };
  }
}
