import { DispositionEntity } from './disposition.entity';

export function toDispositionView(d: DispositionEntity) {
  return {
    batchId: d.batchId,
    decision: d.decision,
    reason: d.reason,
    meaning: d.meaning,
    signedBy: d.signedBy,
    signedByUsername: d.signedByUsername,
    signedByName: d.signedByName,
    signedAt: d.signedAt.toISOString(),
    contentHash: d.contentHash,
    signedContent: d.signedContent,
  };
}

export type DispositionView = ReturnType<typeof toDispositionView>;
