import { Injectable } from '@nestjs/common';
import { contentHash } from '@mes/platform';
import { EntityManager } from 'typeorm';
import { SignatureView } from '../signatures/signature-content';
import { SignatureEntity } from '../signatures/signature.entity';
import { SignatureService } from '../signatures/signature.service';
import { TimingRecordEntity } from '../timing/timing-record.entity';
import { TimingService } from '../timing/timing.service';
import { BatchEntity, BatchStepEntity } from './batch.entity';
import { BatchView, TimingView, toBatchView } from './dto/batch.view';
import { stepSignedContent } from './step-content';

/** Builds the staff view of a batch: steps with their states, signatures (checked against the current content) and timing. */
@Injectable()
export class BatchViewService {
  constructor(
    private readonly signatures: SignatureService,
    private readonly timing: TimingService,
  ) {}

  async full(batch: BatchEntity, steps: BatchStepEntity[], tx?: EntityManager): Promise<BatchView> {
    const [signatures, timing] = await Promise.all([this.signatures.forBatches([batch.id], tx), this.timing.forBatches([batch.id], tx)]);
    return this.build(batch, steps, signatures, timing);
  }

  /** Views of many batches with one query each for signatures and timing (the batch list), not two per batch. */
  async fullMany(batches: BatchEntity[], stepsByBatch: ReadonlyMap<string, BatchStepEntity[]>): Promise<BatchView[]> {
    const ids = batches.map((b) => b.id);
    const [signatures, timing] = await Promise.all([this.signatures.forBatches(ids), this.timing.forBatches(ids)]);
    const signaturesOf = groupBy(signatures, (s) => s.batchId ?? '');
    const timingOf = groupBy(timing, (t) => t.batchId);
    return batches.map((b) => this.build(b, stepsByBatch.get(b.id) ?? [], signaturesOf.get(b.id) ?? [], timingOf.get(b.id) ?? []));
  }

  private build(batch: BatchEntity, steps: BatchStepEntity[], signatures: SignatureEntity[], timing: TimingRecordEntity[]): BatchView {
    const signaturesOf = groupBy(signatures, (s) => s.subjectId);
    const byStep = new Map<string, SignatureView[]>();
    for (const step of steps) {
      const content = stepSignedContent(step);
      const current = contentHash(content);
      byStep.set(
        step.id,
        (signaturesOf.get(step.id) ?? []).map((s) => this.signatures.view(s, currentHashFor(s.meaning, s.content, content, current))),
      );
    }
    const timingViews: TimingView[] = timing.map((t) => ({
      code: t.code,
      kind: t.kind,
      description: t.description,
      stepCode: t.stepCode,
      afterStep: t.afterStep,
      earliestAt: t.earliestAt?.toISOString() ?? null,
      dueAt: t.dueAt.toISOString(),
      state: t.state,
      late: t.late,
      deviationId: t.deviationId,
    }));
    return toBatchView(batch, steps, byStep, timingViews);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * What the signature would cover if signed now. Decisions and skips signed the step content plus what was decided,
 * so that part is taken from the signature and the step part from the current record.
 */
function currentHashFor(meaning: string, signedContent: unknown, currentStep: Record<string, unknown>, currentStepHash: string): string {
  if (meaning !== 'decided') return currentStepHash;
  const extra = Object.fromEntries(Object.entries(signedContent as Record<string, unknown>).filter(([k]) => !(k in currentStep)));
  return contentHash({ ...currentStep, ...extra });
}
