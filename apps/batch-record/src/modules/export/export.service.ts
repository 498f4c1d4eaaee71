import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser, Clock, NotFoundProblem, SERVICE_CONFIG, AuditTrail } from '@mes/platform';
import { BatchRecordConfig } from '../../config/batch-record.config';
import { BatchRepository } from '../batches/batch.repository';
import { describeLimits } from '../batches/rules/step-values';
import { DeviationService } from '../deviations/deviation.service';
import { MasterBatchRecordRepository } from '../master-batch-records/master-batch-record.repository';
import { SignatureView } from '../signatures/signature-content';
import { ReviewService } from '../review/review.service';
import { BatchRecordExport, ExportSignature } from './batch-record-export';
import { renderBatchRecordPdf } from './batch-record-pdf';
import { BatchRecordAuditEntity } from '../../audit-entities';

const sig = (s: SignatureView): ExportSignature => ({
  meaning: s.meaning as ExportSignature['meaning'],
  printedName: s.printedName,
  username: s.username,
  signedAt: s.signedAt,
  contentHash: s.contentHash,
  valid: s.valid,
});

/** The executed batch record as one document (JSON) and as the PDF QA signs off. */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditTrail<BatchRecordAuditEntity>,
    private readonly batches: BatchRepository,
    private readonly mbrs: MasterBatchRecordRepository,
    private readonly deviations: DeviationService,
    private readonly review: ReviewService,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<BatchRecordConfig, 'SITE_TIME_ZONE'>,
  ) {}

  async json(user: AuthUser, batchId: string): Promise<BatchRecordExport> {
    const batch = await this.batches.findById(batchId);
    if (!batch) throw new NotFoundProblem('Batch', batchId);
    const [facts, mbr, deviations] = await Promise.all([
      this.review.facts(batch),
      this.mbrs.findWithSteps(batch.mbrId),
      this.deviations.forBatch(batch.id),
    ]);
    const view = facts.view;
    const corrections = facts.corrections;
    const ids = [batch.id, ...facts.steps.map((s) => s.id), ...deviations.map((d) => d.id), ...corrections.map((c) => c.id)];
    const [auditStats] = await this.dataSource.query(
      `SELECT count(*)::int AS entries, min(occurred_at) AS first, max(occurred_at) AS last FROM platform_audit WHERE entity_id = ANY($1)`,
      [ids],
    );
    const chain = await this.audit.verify(this.dataSource.manager);
    const flagged = facts.steps.reduce((n, s) => n + Object.values(s.valueFlags ?? {}).filter((f) => f !== 'ok').length, 0);
    return {
      exportFormat: 'mes.batch-record-export.v1',
      generatedAt: this.clock.now().toISOString(),
      generatedBy: { username: user.username, name: user.name },
      siteTimeZone: this.config.SITE_TIME_ZONE,
      batch: {
        id: batch.id,
        lotNumber: batch.lotNumber,
        coi: batch.coi,
        orderId: batch.orderId,
        clinicId: batch.clinicId,
        productCode: batch.productCode,
        state: batch.state,
        startedAt: batch.startedAt.toISOString(),
        completedAt: batch.completedAt?.toISOString() ?? null,
        reviewedAt: batch.reviewedAt?.toISOString() ?? null,
        reviewedBy: batch.reviewedByName,
        holdReason: batch.holdReason,
      },
      mbr: {
        code: batch.mbrCode,
        version: batch.mbrVersion,
        name: mbr?.mbr.name ?? batch.mbrCode,
        contentHash: mbr?.mbr.contentHash ?? '',
        approvedBy: mbr?.mbr.approvedBy ?? null,
        approvedAt: mbr?.mbr.approvedAt?.toISOString() ?? null,
        disclaimer: mbr?.mbr.disclaimer ?? '',
      },
      steps: view.steps.map((s) => {
        const entity = facts.steps.find((e) => e.code === s.code)!;
        return {
          sequence: s.sequence,
          code: s.code,
          name: s.name,
          unitProcedure: s.unitProcedureCode ?? '',
          operation: s.operationName ?? s.operationCode ?? '',
          state: s.state,
          instructions: s.definition.instructions,
          startedAt: s.startedAt,
          completedAt: s.completedAt,
          values: s.definition.fields.map((f) => ({
            name: f.name,
            label: f.label,
            value: s.values?.[f.name] ?? null,
            unit: f.unit ?? null,
            limits: describeLimits(f),
            flag: s.valueFlags?.[f.name] ?? 'ok',
          })),
          materials: (s.materialsUsed ?? []).map((m) => ({
            materialCode: m.materialCode,
            lotId: m.lotId,
            quantity: m.quantity,
            unit: m.unit,
          })),
          equipment: (s.equipmentUsed ?? []).map((e) => ({ assetTag: e.assetTag, type: e.type, calibrationDueAt: e.calibrationDueAt })),
          scannedCoi: s.scannedCoi,
          corrections: corrections
            .filter((c) => c.stepId === entity.id)
            .map((c) => ({
              field: c.field,
              oldValue: c.oldValue,
              newValue: c.newValue,
              reason: c.reason,
              by: c.byName,
              at: c.correctedAt.toISOString(),
            })),
          signatures: s.signatures.map(sig),
          decision: s.decision
            ? { decision: s.decision.decision, reason: s.decision.reason, by: s.decision.byName, at: s.decision.at }
            : null,
          timing: view.timing
            .filter((t) => t.stepCode === s.code)
            .map((t) => ({
              code: t.code,
              kind: t.kind,
              description: t.description,
              dueFrom: t.earliestAt,
              dueBy: t.dueAt,
              state: t.late ? `${t.state} (late)` : t.state,
            })),
        };
      }),
      deviations: deviations.map((d) => ({
        number: d.number,
        stepCode: d.stepCode,
        classification: d.classification,
        source: d.source,
        state: d.state,
        title: d.title,
        description: d.description,
        impact: d.impact,
        actions: d.actions,
        openedAt: d.openedAt,
        openedBy: d.openedBy.name,
        closedAt: d.closedAt,
        closedBy: d.closedBy?.name ?? null,
        signatures: d.signatures.map(sig),
      })),
      identityRefusals: facts.refusals.map((r) => ({
        at: r.occurredAt.toISOString(),
        context: r.context,
        scannedCoi: r.scannedCoi,
        by: r.userName,
      })),
      audit: {
        entries: auditStats.entries,
        firstAt: auditStats.first ? new Date(auditStats.first).toISOString() : null,
        lastAt: auditStats.last ? new Date(auditStats.last).toISOString() : null,
        chainValid: chain.ok,
        chainMessage: chain.ok
          ? `all ${chain.entries} entries of the service's audit trail verify`
          : `${chain.brokenCount} broken link(s): ${chain.breaks.map((b) => `entry ${b.seq}: ${b.reason}`).join('; ')}`,
      },
      summary: {
        steps: view.steps.length,
        completed: view.steps.filter((s) => s.completedAt !== null).length,
        verified: view.steps.filter((s) => s.verifiedAt !== null).length,
        skipped: view.steps.filter((s) => s.state === 'skipped').length,
        deviationsOpen: deviations.filter((d) => d.state === 'open').length,
        deviationsTotal: deviations.length,
        flaggedValues: flagged,
        corrections: corrections.length,
      },
    };
  }

  async pdf(user: AuthUser, batchId: string): Promise<Buffer> {
    return renderBatchRecordPdf(await this.json(user, batchId));
  }
}
