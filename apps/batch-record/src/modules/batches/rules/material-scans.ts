import { StepAction } from '@mes/contracts';
import { FieldProblem } from '@mes/platform';
import { ActionDefinition, MaterialLine } from '../../master-batch-records/step-definition';
import { LotFacts, materialUsability } from '../../materials/material-usability';

export interface MaterialScan {
  materialCode: string;
  lotId: string;
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

/** Lots that may not be used (422 material-not-usable), one problem per refused scan. */
export function unusableLots(scans: readonly MaterialScan[], lots: ReadonlyMap<string, LotFacts>, now: Date): FieldProblem[] {
  return scans.flatMap((scan, i) => {
    const result = materialUsability(lots.get(scan.lotId) ?? null, scan.materialCode, now);
    return result.usable ? [] : [{ field: `materials.${i}.lotId`, reason: result.reason }];
  });
}

/** The step's declared actions, bound to what was actually scanned (the thawed lot is the one the operator scanned). */
export function bindActions(actions: readonly ActionDefinition[], scans: readonly MaterialScan[]): StepAction[] {
  return actions.map((action): StepAction => {
    if (action.kind === 'draw-release-samples') return { kind: action.kind, testPlan: action.testPlan };
    const scan = scans.find((s) => s.materialCode === action.materialCode);
    // Unreachable after checkMaterialScans when the MBR is consistent; an inconsistent MBR must not emit a lot-less thaw.
    if (!scan) throw new Error(`MBR step thaws ${action.materialCode} but declares no lot scan for it`);
    return { kind: 'thaw-material', lotId: scan.lotId, materialCode: action.materialCode, useByHours: action.useByHours };
  });
}
