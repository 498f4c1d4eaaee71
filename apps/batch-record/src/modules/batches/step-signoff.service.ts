import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthUser, Clock, ConflictProblem, RuleViolationProblem, UnitOfWork, ValidationProblem, AuditTrail } from '@mes/platform';
import { BatchLock } from '../batch-lock/batch-lock';
import { DeviationService } from '../deviations/deviation.service';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { TrainingService } from '../training/training.service';
import { BatchProgressService } from './batch-progress.service';
import { BatchRepository } from './batch.repository';
import { BatchViewService } from './batch-view.service';
import { BatchView } from './dto/batch.view';
import { CorrectStepDto, DecideStepDto, SkipStepDto, VerifyStepDto } from './dto/step-execution.dto';
import { assertMayPerform, assertMayVerify } from './rules/signature-rules';
import { assertBatchRunning, assertCanStart } from './rules/step-states';
import { checkType, judgeValue } from './rules/step-values';
import { executionFields, stepSignature, stepSignedContent } from './step-content';
import { StepCorrectionEntity } from './step-correction.entity';
import { BatchRecordAuditEntity } from '../../audit-entities';

/** After a step is performed: second-person verification, supervisor decisions, corrections and skips; each is an e-signature. */
@Injectable()
export class StepSignoffService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly clock: Clock,
    private readonly batches: BatchRepository,
    private readonly batchLock: BatchLock,
    private readonly training: TrainingService,
    private readonly timing: TimingService,
    private readonly deviations: DeviationService,
    private readonly signatures: SignatureService,
    private readonly progress: BatchProgressService,
    private readonly views: BatchViewService,
  ) {}

  /** Second-person verification (21 CFR 211.188(b)(11)): another trained person with a verifier role signs the same content. */
  async verify(user: AuthUser, token: string, batchId: string, stepCode: string, dto: VerifyStepDto): Promise<BatchView> {
    const signed = await this.signatures.verify(token, dto.signature);
    return this.uow.run(async (tx) => {
      const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
      if (!['created', 'in-progress', 'on-hold'].includes(batch.state))
        throw new ConflictProblem('batch-not-running', `The batch is ${batch.state}; nothing can be verified`);
      const rule = step.definition.signature;
      if (!rule.verifierRequired) throw new ConflictProblem('verification-not-required', `Step ${step.code} needs no verification`);
      if (step.state !== 'completed')
        throw new ConflictProblem('step-not-completed', `Step ${step.code} is ${step.state}; only a completed step can be verified`);
      assertMayVerify(rule, step, await this.signatures.authorsOf(tx, step.id), user);
      await this.training.assert(tx, user, step, 'verify');
      await this.signatures.record(tx, signed, stepSignature(step, user, 'verified', dto.comment ?? null));
      const before = executionFields(step);
      Object.assign(step, { state: 'verified', verifiedAt: this.clock.now(), verifiedById: user.id, verifiedByName: user.name });
      await this.batches.saveStep(tx, step);
      await this.audit.change(tx, { entity: 'batch_step', id: step.id, actor: user, before: before, after: executionFields(step) });
      await this.progress.settle(tx, batch, steps, user);
      return this.views.full(batch, steps, tx);
    });
  }

  /** A supervisor decides on an action-limit excursion: continue (with the deviation left open for QA). Not the performer. */
  async decide(user: AuthUser, token: string, batchId: string, stepCode: string, dto: DecideStepDto): Promise<BatchView> {
    const signed = await this.signatures.verify(token, dto.signature);
    return this.uow.run(async (tx) => {
      const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
      if (!step.decisionRequired || step.decision)
        throw new ConflictProblem('no-decision-pending', `Step ${step.code} does not await a decision`);
      if ((await this.signatures.authorsOf(tx, step.id)).has(user.id)) {
        throw new RuleViolationProblem(
          'self-decision',
          `${user.name} recorded or corrected the values of ${step.code}; another supervisor must decide`,
          [{ field: 'user', reason: 'performed or corrected this step' }],
        );
      }
      await this.training.assert(tx, user, step, 'perform');
      const signature = await this.signatures.record(
        tx,
        signed,
        stepSignature(step, user, 'decided', dto.reason, {
          ...stepSignedContent(step),
          decision: dto.decision,
          reason: dto.reason,
        }),
      );
      const before = executionFields(step);
      step.decision = {
        decision: dto.decision,
        reason: dto.reason,
        byId: user.id,
        byName: user.name,
        at: this.clock.now().toISOString(),
        signatureId: signature.id,
      };
      await this.batches.saveStep(tx, step);
      await this.audit.change(tx, {
        entity: 'batch_step',
        id: step.id,
        actor: user,
        before: before,
        after: executionFields(step),
        reason: dto.reason,
      });
      await this.progress.releaseDecisionHold(tx, batch, steps, user);
      await this.progress.settle(tx, batch, steps, user);
      return this.views.full(batch, steps, tx);
    });
  }

  /**
   * Corrects one recorded value: the old value is kept with the reason, the correction is signed, and earlier signatures
   * of the step no longer match its content (shown as invalid). A verified step needs verifying again.
   */
  async correct(user: AuthUser, token: string, batchId: string, stepCode: string, dto: CorrectStepDto): Promise<BatchView> {
    const signed = await this.signatures.verify(token, dto.signature);
    return this.uow.run(async (tx) => {
      const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
      if (!['created', 'in-progress', 'on-hold', 'complete'].includes(batch.state)) {
        throw new ConflictProblem('batch-in-review', `The batch is ${batch.state}; its record can no longer be corrected`);
      }
      if (step.state !== 'completed' && step.state !== 'verified')
        throw new ConflictProblem('step-not-recorded', `Step ${step.code} is ${step.state}; there is nothing to correct`);
      if (step.completedById !== user.id && !user.roles.includes('supervisor')) {
        throw new RuleViolationProblem('corrector-role', 'Only the performer of the step or a supervisor may correct it', [
          { field: 'user', reason: 'is neither the performer nor a supervisor' },
        ]);
      }
      assertMayPerform(step.definition.signature, step.code, user);
      await this.training.assert(tx, user, step, 'perform');
      const field = step.definition.fields.find((f) => f.name === dto.field);
      if (!field) throw new ValidationProblem([{ field: 'field', reason: `${dto.field} is not a field of step ${step.code}` }]);
      const typeProblem = checkType(field, dto.value);
      if (typeProblem) throw new ValidationProblem([{ field: 'value', reason: typeProblem }]);
      const oldValue = step.values?.[field.name] ?? null;
      if (oldValue === dto.value) throw new ValidationProblem([{ field: 'value', reason: 'is the value already recorded' }]);

      const before = executionFields(step);
      const judged = judgeValue(field, dto.value);
      const wasAction = step.valueFlags?.[field.name] === 'action';
      step.values = { ...(step.values ?? {}), [field.name]: dto.value };
      step.valueFlags = { ...(step.valueFlags ?? {}), [field.name]: judged.flag };
      if (step.state === 'verified')
        Object.assign(step, { state: 'completed', verifiedAt: null, verifiedById: null, verifiedByName: null });
      const now = this.clock.now();
      const correction: StepCorrectionEntity = {
        id: randomUUID(),
        batchId: batch.id,
        stepId: step.id,
        field: field.name,
        oldValue,
        newValue: dto.value,
        reason: dto.reason,
        correctedAt: now,
        byId: user.id,
        byName: user.name,
      };
      await this.signatures.record(tx, signed, stepSignature(step, user, 'corrected', dto.reason));
      await this.batches.insertCorrection(tx, correction);
      if (judged.flag === 'action') {
        // A new excursion opens a deviation; a changed value of an existing one needs a new decision either way.
        const reference = wasAction
          ? `the excursion already under deviation (value corrected to ${dto.value})`
          : (
              await this.deviations.open(
                tx,
                batch,
                {
                  stepCode: step.code,
                  source: 'action-limit',
                  classification: 'major',
                  title: `Action limit exceeded at ${step.code} (correction)`,
                  description: `${judged.reason} after correction by ${user.name}: ${dto.reason}`,
                },
                user,
              )
            ).number;
        Object.assign(step, { decisionRequired: true, decision: null });
        await this.progress.holdForDecision(tx, batch, step, reference, user);
      }
      await this.batches.saveStep(tx, step);
      await this.audit.change(tx, {
        entity: 'batch_step',
        id: step.id,
        actor: user,
        before: before,
        after: executionFields(step),
        reason: dto.reason,
      });
      await this.audit.change(tx, { entity: 'step_correction', id: correction.id, actor: user, after: correction, reason: dto.reason });
      await this.progress.settle(tx, batch, steps, user);
      return this.views.full(batch, steps, tx);
    });
  }

  /** Skipping is allowed only for steps the MBR marks skippable, by a supervisor, and always opens a deviation. */
  async skip(user: AuthUser, token: string, batchId: string, stepCode: string, dto: SkipStepDto): Promise<BatchView> {
    const signed = await this.signatures.verify(token, dto.signature);
    return this.uow.run(async (tx) => {
      const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
      assertBatchRunning(batch.state, batch.holdReason);
      if (!step.definition.skippable) {
        throw new RuleViolationProblem('step-not-skippable', `The MBR does not allow step ${step.code} to be skipped`, [
          { field: 'stepCode', reason: 'is not skippable' },
        ]);
      }
      assertCanStart(steps, step);
      await this.training.assert(tx, user, step, 'perform');
      const deviation = await this.deviations.open(
        tx,
        batch,
        {
          stepCode: step.code,
          source: 'skipped-step',
          classification: dto.classification,
          title: `Step ${step.code} skipped`,
          description: `${step.name} was skipped by ${user.name}: ${dto.reason}`,
        },
        user,
      );
      await this.signatures.record(
        tx,
        signed,
        stepSignature(step, user, 'decided', dto.reason, {
          ...stepSignedContent(step),
          skipped: true,
          deviation: deviation.number,
          reason: dto.reason,
        }),
      );
      const before = executionFields(step);
      Object.assign(step, { state: 'skipped', skippedReason: `${dto.reason} (${deviation.number})` });
      await this.batches.saveStep(tx, step);
      await this.timing.stepSkipped(tx, batch.id, step.code, user);
      await this.audit.change(tx, {
        entity: 'batch_step',
        id: step.id,
        actor: user,
        before: before,
        after: executionFields(step),
        reason: dto.reason,
      });
      await this.progress.settle(tx, batch, steps, user);
      return this.views.full(batch, steps, tx);
    });
  }
}
