import { FieldProblem } from '@mes/platform';
import { EquipmentLine } from '../../master-batch-records/mbr-schema';

export interface EquipmentScan {
  assetTag: string;
}

export interface EquipmentFacts {
  equipmentId: string;
  assetTag: string;
  type: string;
  status: string;
  calibrationDueAt: Date | null;
}

/** What the record keeps: the unit used and its calibration due date at that moment. */
export interface EquipmentScanRecord {
  equipmentId: string;
  assetTag: string;
  type: string;
  calibrationDueAt: string | null;
}

/** Shape problems (400): a required type not scanned, a scan twice. Which type a tag is, is only known from the read model. */
export function checkEquipmentScanShape(scans: readonly EquipmentScan[]): FieldProblem[] {
  const seen = new Set<string>();
  return scans.flatMap((scan, i) => {
    const dup = seen.has(scan.assetTag);
    seen.add(scan.assetTag);
    return dup ? [{ field: `equipment.${i}.assetTag`, reason: `${scan.assetTag} is scanned more than once` }] : [];
  });
}

/**
 * GMP: only equipment in service and within its calibration may be used (checked to the hour, at the moment of use),
 * and every equipment type the step requires must be scanned. Returns one problem per refusal (422).
 */
export function equipmentProblems(
  lines: readonly EquipmentLine[],
  scans: readonly EquipmentScan[],
  facts: ReadonlyMap<string, EquipmentFacts>,
  now: Date,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const typesScanned = new Set<string>();
  scans.forEach((scan, i) => {
    const field = `equipment.${i}.assetTag`;
    const unit = facts.get(scan.assetTag);
    if (!unit) return problems.push({ field, reason: `${scan.assetTag} is unknown to the batch record` });
    if (!lines.some((l) => l.type === unit.type))
      return problems.push({ field, reason: `${scan.assetTag} is a ${unit.type}, which this step does not use` });
    typesScanned.add(unit.type);
    if (unit.status !== 'in-service') return problems.push({ field, reason: `${scan.assetTag} is ${unit.status}` });
    if (!unit.calibrationDueAt) return problems.push({ field, reason: `${scan.assetTag} has no calibration on record` });
    if (unit.calibrationDueAt.getTime() <= now.getTime()) {
      return problems.push({ field, reason: `${scan.assetTag} calibration was due ${unit.calibrationDueAt.toISOString()}` });
    }
    return undefined;
  });
  for (const line of lines) {
    if (line.requiresScan && !typesScanned.has(line.type) && !problems.some((p) => p.reason.includes(line.type))) {
      problems.push({ field: 'equipment', reason: `a ${line.type} (${line.description}) must be scanned` });
    }
  }
  return problems;
}

export function toEquipmentRecords(scans: readonly EquipmentScan[], facts: ReadonlyMap<string, EquipmentFacts>): EquipmentScanRecord[] {
  return scans.map((s) => {
    const f = facts.get(s.assetTag)!;
    return { equipmentId: f.equipmentId, assetTag: f.assetTag, type: f.type, calibrationDueAt: f.calibrationDueAt?.toISOString() ?? null };
  });
}
