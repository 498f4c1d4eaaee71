import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SignatureView, contentHash } from '../signatures/signature-content';
import { SignatureService } from '../signatures/signature.service';
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
    const [signatures, timing] = await Promise.all([this.signatures.forBatch(batch.id, tx), this.timing.forBatch(batch.id, tx)]);
    const byStep = new Map<string, SignatureView[]>();
    for (const step of steps) {
      const content = stepSignedContent(step);
      const current = contentHash(content);
      byStep.set(
        step.id,
        signatures.filter((s) => s.subjectId === step.id).map((s) => this.signatures.view(s, currentHashFor(s.meaning, s.content, content, current))),
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

/**
 * What the signature would cover if signed now. Decisions and skips signed the step content plus what was decided,
 * so that part is taken from the signature and the step part from the current record.
 */
function currentHashFor(meaning: string, signedContent: unknown, currentStep: Record<string, unknown>, currentStepHash: string): string {
  if (meaning !== 'decided') return currentStepHash;
  const extra = Object.fromEntries(Object.entries(signedContent as Record<string, unknown>).filter(([k]) => !(k in currentStep)));
  return contentHash({ ...currentStep, ...extra });
}
