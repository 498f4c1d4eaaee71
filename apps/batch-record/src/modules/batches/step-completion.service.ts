import { Injectable } from '@nestjs/common';
import { BatchCompletedV1, StepCompletedV1 } from '@mes/contracts';
import { AuditTrail, AuthUser, Clock, NotFoundProblem, OutboxWriter, RuleViolationProblem, UnitOfWork, ValidationProblem } from '@mes/platform';
import { assertCoiMatches } from '../chain-of-identity/coi-mismatch';
import { IdentityRefusalService } from '../chain-of-identity/identity-refusal.service';
import { LotViewRepository } from '../materials/lot-view.repository';
import { BatchStepEntity } from './batch.entity';
import { BatchRepository } from './batch.repository';
import { BatchView, toBatchView } from './dto/batch.view';
import { CompleteStepDto } from './dto/complete-step.dto';
import { bindActions, checkMaterialScans, unusableLots } from './rules/material-scans';
import { assertCanComplete, isLastStep } from './rules/step-sequence';
import { checkStepValues } from './rules/step-values';

/** Executes one eBR step: every check passes or nothing is written (a refused COI scan is recorded separately). */
@Injectable()
export class StepCompletionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly batches: BatchRepository,
    private readonly lots: LotViewRepository,
    private readonly refusals: IdentityRefusalService,
  ) {}

  complete(user: AuthUser, batchId: string, stepCode: string, dto: CompleteStepDto): Promise<BatchView> {
    return this.refusals.guard(() =>
      this.uow.run(async (tx) => {
        const batch = await this.batches.findByIdForUpdate(tx, batchId);
        if (!batch) throw new NotFoundProblem('Batch', batchId);
        const steps = await this.batches.stepsOf(batchId, tx);
        const progress = steps.map((s) => ({ ...s, completed: s.completedAt !== null }));
        const step = steps.find((s) => s.code === assertCanComplete(progress, stepCode).code)!;
        const def = step.definition;

        if (def.requiresCoiScan && dto.scannedCoi === undefined) {
          throw new ValidationProblem([{ field: 'scannedCoi', reason: 'is required: this step needs a COI scan' }]);
        }
        // Any scan offered is checked, required or not: a wrong patient's label never enters the record.
        if (dto.scannedCoi !== undefined) {
          assertCoiMatches({ expectedCoi: batch.coi, scannedCoi: dto.scannedCoi, orderId: batch.orderId, batchId: batch.id, context: `step:${step.code}`, user });
        }

        const values = checkStepValues(def.fields, dto.values);
        const invalid = [...values.invalid, ...checkMaterialScans(def.materials, dto.materials)];
        if (invalid.length) throw new ValidationProblem(invalid, `The input for step ${step.code} is not valid; nothing was recorded`);
        if (values.outOfLimits.length) {
          throw new RuleViolationProblem('out-of-limits', `A value of step ${step.code} is outside its action limits; nothing was recorded`, values.outOfLimits);
        }
        const now = this.clock.now();
        const lots = await this.lots.findByIds(tx, dto.materials.map((m) => m.lotId));
        const unusable = unusableLots(dto.materials, lots, now);
        if (unusable.length) {
          throw new RuleViolationProblem('material-not-usable', `A scanned lot may not be used: ${unusable.map((u) => u.reason).join('; ')}`, unusable);
        }

        const actions = bindActions(def.actions, dto.materials);
        const last = isLastStep(progress, step.code);
        const stepBefore = executionFields(step);
        Object.assign(step, {
          values: dto.values,
          materialsUsed: dto.materials,
          scannedCoi: dto.scannedCoi ?? null,
          completedAt: now,
          completedById: user.id,
          completedByName: user.name,
        });
        await this.batches.saveStep(tx, step);
        const common = { batchId: batch.id, orderId: batch.orderId, coi: batch.coi, clinicId: batch.clinicId };
        const context = { subject: batch.id, correlationId: batch.orderId };
        await this.outbox.append(
          tx,
          StepCompletedV1,
          { ...common, stepCode: step.code, stepName: step.name, sequence: step.sequence, values: dto.values, actions, completedBy: user.username, completedAt: now.toISOString() },
          context,
        );
        if (last) {
          Object.assign(batch, { state: 'complete', completedAt: now });
          await this.batches.saveBatch(tx, batch);
          await this.outbox.append(tx, BatchCompletedV1, { ...common, completedAt: now.toISOString() }, context);
        }
        // Audit entries last: they take the trail's append lock, held until commit.
        await this.audit.append(tx, { actor: user, action: 'update', entity: 'batch_step', entityId: step.id, oldValue: stepBefore, newValue: executionFields(step) });
        if (last) {
          await this.audit.append(tx, {
            actor: user,
            action: 'update',
            entity: 'batch',
            entityId: batch.id,
            oldValue: { state: 'in-progress', completedAt: null },
            newValue: { state: batch.state, completedAt: batch.completedAt },
          });
        }
        return toBatchView(batch, steps);
      }),
    );
  }
}

/** What completing a step records: its audit entry's old (all null) and new value. */
function executionFields(step: BatchStepEntity) {
  const { values, materialsUsed, scannedCoi, completedAt, completedById, completedByName } = step;
  return { values, materialsUsed, scannedCoi, completedAt, completedById, completedByName };
}
