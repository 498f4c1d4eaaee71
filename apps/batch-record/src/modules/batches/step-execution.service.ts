import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StepCompletedV1 } from '@mes/contracts';
import {
  AuthUser,
  Clock,
  ConflictProblem,
  OutboxWriter,
  RuleViolationProblem,
  UnitOfWork,
  ValidationProblem,
  AuditTrail,
} from '@mes/platform';
import { BatchLock } from '../batch-lock/batch-lock';
import { assertCoiMatches } from '../chain-of-identity/coi-mismatch';
import { IdentityRefusalService } from '../chain-of-identity/identity-refusal.service';
import { DeviationService } from '../deviations/deviation.service';
import { EquipmentViewRepository } from '../materials/equipment-view.repository';
import { LotViewRepository } from '../materials/lot-view.repository';
import { MaterialRefusalService, MaterialRefused } from '../materials/material-refusal.service';
import { SignatureService } from '../signatures/signature.service';
import { TimingService } from '../timing/timing.service';
import { TrainingService } from '../training/training.service';
import { BatchEntity, BatchStepEntity } from './batch.entity';
import { BatchProgressService } from './batch-progress.service';
import { BatchRepository } from './batch.repository';
import { BatchViewService } from './batch-view.service';
import { BatchView } from './dto/batch.view';
import { CompleteStepDto } from './dto/step-execution.dto';
import { checkEquipmentScanShape, equipmentProblems, toEquipmentRecords } from './rules/equipment-scans';
import { bindActions, checkMaterialScans, toScanRecords, unusableLots } from './rules/material-scans';
import { assertBatchRunning, assertCanStart } from './rules/step-states';
import { assertMayPerform } from './rules/signature-rules';
import { checkStepValues } from './rules/step-values';
import { plansStartedBy } from './rules/timing';
import { executionFields, stepSignature } from './step-content';
import { BatchRecordAuditEntity } from '../../audit-entities';

/**
 * Executes eBR steps: start and complete. Every check passes or nothing is written (a refused COI scan is
 * recorded separately); an action-limit excursion is recorded, opens a deviation and holds the batch for a decision.
 */
@Injectable()
export class StepExecutionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly clock: Clock,
    private readonly batches: BatchRepository,
    private readonly batchLock: BatchLock,
    private readonly lots: LotViewRepository,
    private readonly equipment: EquipmentViewRepository,
    private readonly refusals: IdentityRefusalService,
    private readonly materialRefusals: MaterialRefusalService,
    private readonly training: TrainingService,
    private readonly timing: TimingService,
    private readonly deviations: DeviationService,
    private readonly signatures: SignatureService,
    private readonly progress: BatchProgressService,
    private readonly views: BatchViewService,
  ) {}

  start(user: AuthUser, batchId: string, stepCode: string): Promise<BatchView> {
    return this.uow.run(async (tx) => {
      const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
      assertBatchRunning(batch.state, batch.holdReason);
      assertCanStart(steps, step);
      await this.assertQualified(tx, user, step);
      await this.begin(tx, batch, step, user, this.clock.now());
      return this.views.full(batch, steps, tx);
    });
  }

  complete(user: AuthUser, token: string, batchId: string, stepCode: string, dto: CompleteStepDto): Promise<BatchView> {
    return this.refusals.guard(async () => {
      // Credentials before any row lock (the batch, lot rows, the deviation counter): identity's answer never holds them up.
      const signed = await this.signatures.verify(token, dto.signature);
      // A refused lot is recorded after the step's transaction rolls back (a refused COI scan by the guard around this).
      return this.materialRefusals.guard(() =>
        this.uow.run(async (tx) => {
          const { batch, steps, step } = await this.batchLock.lockForStep(tx, batchId, stepCode);
          assertBatchRunning(batch.state, batch.holdReason);
          if (step.state === 'pending') assertCanStart(steps, step);
          else if (step.state !== 'in-progress') throw new ConflictProblem('step-not-open', `Step ${step.code} is ${step.state}`);
          await this.assertQualified(tx, user, step);
          const def = step.definition;

          if (def.requiresCoiScan && dto.scannedCoi === undefined) {
            throw new ValidationProblem([{ field: 'scannedCoi', reason: 'is required: this step needs a COI scan' }]);
          }
          // Any scan offered is checked, required or not: a wrong patient's label never enters the record.
          if (dto.scannedCoi !== undefined) {
            assertCoiMatches({
              expectedCoi: batch.coi,
              scannedCoi: dto.scannedCoi,
              orderId: batch.orderId,
              batchId: batch.id,
              context: `step:${step.code}`,
              user,
            });
          }

          const values = checkStepValues(def.fields, dto.values);
          const invalid = [
            ...values.invalid,
            ...checkMaterialScans(def.materials, dto.materials),
            ...checkEquipmentScanShape(dto.equipment),
          ];
          if (invalid.length) throw new ValidationProblem(invalid, `The input for step ${step.code} is not valid; nothing was recorded`);

          const now = this.clock.now();
          const materials = toScanRecords(def.materials, dto.materials);
          const lots = await this.lots.findByIds(
            tx,
            materials.map((m) => m.lotId),
          );
          const unusable = unusableLots(materials, lots, now);
          if (unusable.length) {
            throw new MaterialRefused(
              {
                batch,
                stepCode: step.code,
                user,
                lots: unusable.map(({ lotId, materialCode, reason }) => ({ lotId, materialCode, reason })),
              },
              unusable.map(({ field, reason }) => ({ field, reason })),
            );
          }
          const units = await this.equipment.findByTags(
            tx,
            dto.equipment.map((e) => e.assetTag),
          );
          const refusedEquipment = equipmentProblems(def.equipment, dto.equipment, units, now);
          if (refusedEquipment.length) {
            throw new RuleViolationProblem(
              'equipment-not-usable',
              `Equipment may not be used: ${refusedEquipment.map((u) => u.reason).join('; ')}`,
              refusedEquipment,
            );
          }

          // Completed without an explicit start: it starts at the instant it completes (one reading of the clock).
          if (step.state === 'pending') await this.begin(tx, batch, step, user, now);
          const before = executionFields(step);
          Object.assign(step, {
            state: 'completed',
            values: dto.values,
            valueFlags: values.flags,
            materialsUsed: materials,
            equipmentUsed: toEquipmentRecords(dto.equipment, units),
            scannedCoi: dto.scannedCoi ?? null,
            completedAt: now,
            completedById: user.id,
            completedByName: user.name,
          });
          await this.signatures.record(tx, signed, stepSignature(step, user, 'performed', dto.comment ?? null));
          await this.timing.stepCompleting(tx, batch, step, user);

          const actionExcursions = values.excursions.filter((e) => e.flag === 'action');
          if (actionExcursions.length) {
            const deviation = await this.deviations.open(
              tx,
              batch,
              {
                stepCode: step.code,
                source: 'action-limit',
                classification: 'major',
                title: `Action limit exceeded at ${step.code}`,
                description: `${actionExcursions.map((e) => e.reason).join('; ')}. Recorded by ${user.name}; the batch is on hold until a supervisor decides.`,
              },
              user,
            );
            step.decisionRequired = true;
            step.decision = null;
            await this.progress.holdForDecision(tx, batch, step, deviation.number, user);
          }
          await this.batches.saveStep(tx, step);
          for (const m of materials) await this.lots.consume(tx, m.lotId, m.quantity, now);
          // Only for steps still to come: a window on a step that already ran (possible with declared prerequisites) can never be met.
          const pendingCodes = new Set(steps.filter((s) => s.state === 'pending').map((s) => s.code));
          await this.timing.open(
            tx,
            batch,
            plansStartedBy(steps, step.code, now).filter((p) => pendingCodes.has(p.stepCode)),
            user,
          );

          const common = { batchId: batch.id, orderId: batch.orderId, coi: batch.coi, clinicId: batch.clinicId };
          await this.outbox.append(
            tx,
            StepCompletedV1,
            {
              ...common,
              stepCode: step.code,
              stepName: step.name,
              sequence: step.sequence,
              values: dto.values,
              actions: bindActions(def, materials),
              completedBy: user.username,
              completedAt: now.toISOString(),
            },
            { subject: batch.id, correlationId: batch.orderId },
          );
          await this.audit.change(tx, { entity: 'batch_step', id: step.id, actor: user, before: before, after: executionFields(step) });
          await this.progress.settle(tx, batch, steps, user);
          return this.views.full(batch, steps, tx);
        }),
      );
    });
  }

  private async begin(tx: EntityManager, batch: BatchEntity, step: BatchStepEntity, user: AuthUser, at: Date): Promise<void> {
    await this.timing.stepStarting(tx, batch, step, user);
    const before = { state: step.state, startedAt: null };
    Object.assign(step, { state: 'in-progress', startedAt: at, startedById: user.id, startedByName: user.name });
    await this.batches.saveStep(tx, step);
    await this.audit.change(tx, {
      entity: 'batch_step',
      id: step.id,
      actor: user,
      before: before,
      after: { state: step.state, startedAt: step.startedAt },
    });
    if (batch.state === 'created') await this.progress.setState(tx, batch, 'in-progress', null, user, `first step ${step.code} started`);
  }

  /** Role from the MBR's signature rule, then the training matrix for the step's operation. */
  private async assertQualified(tx: EntityManager, user: AuthUser, step: BatchStepEntity): Promise<void> {
    assertMayPerform(step.definition.signature, step.code, user);
    await this.training.assert(tx, user, step, 'perform');
  }
}
