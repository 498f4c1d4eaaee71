import { StepAction } from '@mes/contracts';
import { FieldProblem } from '@mes/platform';
import { MaterialLine, StepDefinition } from '../../master-batch-records/mbr-schema';
import { LotFacts, materialUsability } from '../../materials/material-usability';

/** What the operator scanned: a lot per material line; quantity defaults to the MBR line's quantity. */
export interface MaterialScan {
  materialCode: string;
  lotId: string;
  quantity?: number;
}

/** What the record keeps for each consumption. */
export interface MaterialScanRecord {
  materialCode: string;
  lotId: string;
  quantity: number;
  unit: string;
}

/** Shape problems with the scanned lots (400): a required lot missing, a material the step does not use, a double scan. */
export function checkMaterialScans(lines: readonly MaterialLine[], scans: readonly MaterialScan[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  scans.forEach((scan, i) => {
    if (!lines.some((l) => l.materialCode === scan.materialCode)) {
      problems.push({ field: `materials.${i}.materialCode`, reason: `${scan.materialCode} is not a material of this step` });
    } else if (seen.has(scan.materialCode)) {
      problems.push({ field: `materials.${i}.materialCode`, reason: `${scan.materialCode} is scanned more than once` });
    }
    seen.add(scan.materialCode);
  });
  for (const line of lines) {
    if (line.requiresLotScan && !seen.has(line.materialCode)) {
      problems.push({ field: 'materials', reason: `a lot of ${line.materialCode} must be scanned` });
    }
  }
  return problems;
}

export function toScanRecords(lines: readonly MaterialLine[], scans: readonly MaterialScan[]): MaterialScanRecord[] {
  return scans.map((scan) => {
    const line = lines.find((l) => l.materialCode === scan.materialCode)!;
    return { materialCode: scan.materialCode, lotId: scan.lotId, quantity: scan.quantity ?? line.quantity, unit: line.unit };
  });
}

/** Lots that may not be used (422 material-not-usable), one per refused scan: the input field and the lot. */
export function unusableLots(
  records: readonly MaterialScanRecord[],
  lots: ReadonlyMap<string, LotFacts>,
  now: Date,
): (FieldProblem & { lotId: string; materialCode: string })[] {
  return records.flatMap((r, i) => {
    const result = materialUsability(lots.get(r.lotId) ?? null, r.materialCode, now, { quantity: r.quantity, unit: r.unit });
    return result.usable ? [] : [{ field: `materials.${i}.lotId`, reason: result.reason, lotId: r.lotId, materialCode: r.materialCode }];
  });
}

/** What completing the step asks other services to do: thaw first (it starts the use-by clock), then consume, then samples. */
export function bindActions(step: StepDefinition, records: readonly MaterialScanRecord[]): StepAction[] {
  const actions: StepAction[] = [];
  for (const line of step.materials) {
    const used = records.find((r) => r.materialCode === line.materialCode);
    if (!used) continue;
    if (line.thaw)
      actions.push({ kind: 'thaw-material', lotId: used.lotId, materialCode: line.materialCode, useByHours: line.thaw.useByHours });
    actions.push({
      kind: 'consume-material',
      lotId: used.lotId,
      materialCode: used.materialCode,
      quantity: used.quantity,
      unit: used.unit,
    });
  }
  for (const sample of step.samples) {
    if (sample.testPlan) actions.push({ kind: 'draw-release-samples', testPlan: sample.testPlan });
  }
  return actions;
}
