import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MbrFile, PlacedStep, flattenSteps, mbrFileSchema, prerequisitesOf } from './mbr-schema';

/**
 * The shipped MBR files (apps/batch-record/master-batch-records/*.mbr.json): they parse against the contract
 * and keep the plant-wide rules the schema itself cannot know (catalogue of materials and equipment types,
 * one thaw per material, realistic timing).
 */
const DIR = join(__dirname, '..', '..', '..', 'master-batch-records');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.mbr.json'))
  .sort();
const PRODUCTION = ['bcma-car-t-cryo.v1.mbr.json', 'cd19-car-t-fresh.v1.mbr.json'];

/** The material catalogue: code → unit of issue. */
const MATERIALS: Record<string, string> = {
  'IL2-CYTOKINE': 'vial',
  'CD3-CD28-ACTIVATOR': 'vial',
  'TEXMACS-MEDIUM': 'bag',
  'LENTIVIRAL-VECTOR-CD19': 'vial',
  'LENTIVIRAL-VECTOR-BCMA': 'vial',
  'CD4-CD8-MICROBEADS': 'vial',
  'CLINIMACS-BUFFER': 'bag',
  'HSA-20': 'vial',
  'PLASMA-LYTE-A': 'bag',
  'CRYOSTOR-CS10': 'bag',
  'INFUSION-BAG': 'each',
  CRYOBAG: 'each',
};
/** Only these are stored frozen and thawed at a step (inventory starts the use-by clock at the thaw). */
const THAWABLE = new Set(['IL2-CYTOKINE', 'LENTIVIRAL-VECTOR-CD19', 'LENTIVIRAL-VECTOR-BCMA']);
const EQUIPMENT_TYPES = new Set([
  'BSC',
  'CELL-PROCESSOR',
  'CELL-COUNTER',
  'INCUBATOR',
  'CENTRIFUGE',
  'BALANCE',
  'TUBE-SEALER',
  'THAWING-DEVICE',
  'CONTROLLED-RATE-FREEZER',
  'LN2-FREEZER',
  'LABEL-PRINTER',
]);

function raw(file: string): unknown {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8'));
}

/** Parses or fails with every issue on its own line, path first, so a file author sees what to fix. */
function parse(file: string, content: unknown = raw(file)): MbrFile {
  const result = mbrFileSchema.safeParse(content);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n');
    throw new Error(`${file} does not match mbrFileSchema:\n${issues}`);
  }
  return result.data;
}

/** Earliest start of every step (hours after the first step), with instantaneous steps and the windows' minimum waits. */
function earliestStarts(steps: PlacedStep[]): Map<string, number> {
  const done = new Map<string, number>();
  const starts = new Map<string, number>();
  steps.forEach((s, i) => {
    let start = Math.max(0, ...prerequisitesOf(steps, i).map((p) => done.get(p) ?? 0));
    for (const t of s.step.timing) if (t.kind === 'window') start = Math.max(start, (done.get(t.after) ?? 0) + (t.minHours ?? 0));
    starts.set(s.code, start);
    done.set(s.code, start);
  });
  return starts;
}

describe('master batch record files', () => {
  it('ships the skeleton and the two production MBRs', () => {
    expect(FILES).toEqual(expect.arrayContaining(['cd19-car-t-skeleton.v1.mbr.json', ...PRODUCTION]));
  });

  describe.each(FILES)('%s', (file) => {
    const mbr = parse(file);
    const steps = flattenSteps(mbr);

    it('parses against mbrFileSchema, names the generated JSON Schema and has a disclaimer', () => {
      expect(mbr.$schema).toBe('./mbr.schema.json');
      expect(mbr.disclaimer).toMatch(/illustrative/i);
      expect(mbr.disclaimer).toMatch(/validated/i);
      expect(file).toBe(`${mbr.code.toLowerCase()}.v${mbr.version}.mbr.json`);
    });

    it('uses unique procedure, unit procedure, operation and timing codes', () => {
      const codes = [mbr.procedure.code, ...mbr.procedure.unitProcedures.flatMap((u) => [u.code, ...u.operations.map((o) => o.code)])];
      expect(new Set(codes).size).toBe(codes.length);
      const timing = steps.flatMap((s) => s.step.timing.map((t) => t.code));
      expect(new Set(timing).size).toBe(timing.length);
    });

    it('uses only catalogue materials in their unit of issue and known equipment types, each type once per step', () => {
      for (const { code, step } of steps) {
        for (const m of step.materials) {
          expect({ step: code, material: m.materialCode, unit: MATERIALS[m.materialCode] }).toEqual({
            step: code,
            material: m.materialCode,
            unit: m.unit,
          });
          expect(m.quantity).toBeGreaterThanOrEqual(1);
          expect(m.quantity).toBeLessThanOrEqual(3);
        }
        const types = step.equipment.map((e) => e.type);
        expect({ step: code, unknown: types.filter((t) => !EQUIPMENT_TYPES.has(t)) }).toEqual({ step: code, unknown: [] });
        expect({ step: code, types: [...new Set(types)] }).toEqual({ step: code, types });
      }
    });

    it('thaws each thawable material in at most one step and never consumes it after that step', () => {
      const thawedAt = new Map<string, number>();
      steps.forEach((s, i) => {
        for (const m of s.step.materials) {
          if (thawedAt.has(m.materialCode)) {
            throw new Error(`${s.code} uses ${m.materialCode} again after it was thawed at step ${thawedAt.get(m.materialCode)! + 1}`);
          }
          if (m.thaw) {
            expect({ step: s.code, material: m.materialCode, thawable: THAWABLE.has(m.materialCode) }).toEqual({
              step: s.code,
              material: m.materialCode,
              thawable: true,
            });
            thawedAt.set(m.materialCode, i);
          }
        }
      });
    });

    it('keeps timing limits workable: maxHours of at least 2 h, warnings inside the window (otherwise none is sent)', () => {
      for (const { code, step } of steps) {
        for (const t of step.timing) {
          const warns = t.warnBeforeHours === undefined || t.warnBeforeHours < t.maxHours - (t.minHours ?? 0);
          expect({ step: code, timing: t.code, workable: t.maxHours >= 2, warns }).toEqual({
            step: code,
            timing: t.code,
            workable: true,
            warns: true,
          });
        }
      }
    });

    it('asks for a supervisor wherever a verifier is required', () => {
      for (const { step } of steps) {
        expect(step.signature.performerRoles).toEqual(['operator', 'supervisor']);
        if (step.signature.verifierRequired) expect(step.signature.verifierRoles).toEqual(['supervisor']);
      }
    });

    it('draws release samples for the CAR-T release test plan', () => {
      const plans = steps.flatMap((s) => s.step.samples.map((x) => x.testPlan)).filter((p) => p !== undefined);
      expect(plans).toContain('CAR-T-RELEASE');
    });
  });

  describe.each(PRODUCTION)('production MBR %s', (file) => {
    const mbr = parse(file);
    const steps = flattenSteps(mbr);
    const byCode = new Map(steps.map((s) => [s.code, s.step]));

    it('is a full process: at least 25 steps, at least 8 COI scans, verified critical steps', () => {
      expect(steps.length).toBeGreaterThanOrEqual(25);
      expect(steps.filter((s) => s.step.requiresCoiScan).length).toBeGreaterThanOrEqual(8);
      for (const code of ['RECEIPT-COI', 'MAGNETIC-SELECTION', 'TRANSDUCTION', 'DOSE-CALCULATION', 'FORMULATION', 'FILL', 'LABELLING']) {
        expect({ code, verified: byCode.get(code)?.signature.verifierRequired }).toEqual({ code, verified: true });
      }
      for (const code of ['RECEIPT-COI', 'MAGNETIC-SELECTION', 'TRANSDUCTION', 'HARVEST', 'FILL', 'LABELLING']) {
        expect({ code, coi: byCode.get(code)?.requiresCoiScan }).toEqual({ code, coi: true });
      }
    });

    it('thaws IL-2 at activation and the vector at transduction, within 18–30 h of activation', () => {
      expect(byCode.get('ACTIVATION')?.materials.find((m) => m.materialCode === 'IL2-CYTOKINE')?.thaw).toEqual({ useByHours: 4 });
      const transduction = byCode.get('TRANSDUCTION')!;
      expect(transduction.materials.find((m) => m.materialCode.startsWith('LENTIVIRAL-VECTOR-'))?.thaw).toEqual({ useByHours: 4 });
      expect(transduction.timing).toContainEqual(
        expect.objectContaining({ kind: 'window', after: 'ACTIVATION', minHours: 18, maxHours: 30, warnBeforeHours: 4 }),
      );
    });

    it('has a skippable feed, and no timing constraint starts from a skippable step (a skip never starts it)', () => {
      const skippable = steps.filter((s) => s.step.skippable).map((s) => s.code);
      expect(skippable.length).toBeGreaterThanOrEqual(1);
      const anchoredOnSkippable = steps.flatMap((s) => s.step.timing.filter((t) => skippable.includes(t.after)).map((t) => t.code));
      expect(anchoredOnSkippable).toEqual([]);
    });

    it('expands for 6–9 days between activation and harvest (minimum waits of the timing windows)', () => {
      const starts = earliestStarts(steps);
      const days = (starts.get('HARVEST')! - starts.get('ACTIVATION')!) / 24;
      expect(days).toBeGreaterThanOrEqual(6);
      expect(days).toBeLessThanOrEqual(9);
    });

    it('matches its starting material and final product', () => {
      if (mbr.finalProduct === 'fresh') {
        expect(mbr.startingMaterial).toBe('fresh-apheresis');
        expect(byCode.get('FRESH-HANDOFF')?.timing).toContainEqual(expect.objectContaining({ kind: 'hold', after: 'FORMULATION' }));
      } else {
        expect(mbr.startingMaterial).toBe('cryopreserved-apheresis');
        expect(steps.some((s) => s.step.equipment.some((e) => e.type === 'THAWING-DEVICE'))).toBe(true);
        expect(byCode.get('FREEZE-START')?.timing).toContainEqual(expect.objectContaining({ kind: 'hold', after: 'FORMULATION' }));
        expect(steps.some((s) => s.step.equipment.some((e) => e.type === 'LN2-FREEZER'))).toBe(true);
      }
    });
  });

  it('keeps the walking skeleton recipe: the same four steps and field names', () => {
    const steps = flattenSteps(parse('cd19-car-t-skeleton.v1.mbr.json'));
    expect(steps.map((s) => [s.code, s.step.fields.map((f) => f.name)])).toEqual([
      ['COI-CHECK', ['viableCellCount', 'viability']],
      ['ACTIVATION', []],
      ['EXPANSION', ['totalViableCells']],
      ['HARVEST', ['harvestVolumeMl']],
    ]);
    expect(steps.every((s) => s.step.requiresCoiScan)).toBe(true);
    expect(steps[1].step.materials).toEqual([
      expect.objectContaining({ materialCode: 'IL2-CYTOKINE', quantity: 1, requiresLotScan: true, thaw: { useByHours: 4 } }),
    ]);
    expect(steps[3].step.samples).toEqual([{ sampleType: 'release panel', testPlan: 'CAR-T-RELEASE' }]);
  });

  it('keeps mbr.schema.json up to date with mbrFileSchema (regenerate with npm run mbr:schema)', () => {
    // The same call as tools/mbr-schema.ts; the file adds only a `$comment`.
    const { $comment: _comment, ...committed } = JSON.parse(readFileSync(join(DIR, 'mbr.schema.json'), 'utf8')) as Record<string, unknown>;
    const regenerated = JSON.parse(JSON.stringify(z.toJSONSchema(mbrFileSchema, { io: 'input' }))) as Record<string, unknown>;
    expect(committed).toEqual(regenerated);
  });

  it('refuses a step whose prerequisite is a later step, and says so', () => {
    const copy = raw('cd19-car-t-fresh.v1.mbr.json') as {
      procedure: { unitProcedures: { operations: { steps: { code: string; prerequisites?: string[] }[] }[] }[] };
    };
    const first = copy.procedure.unitProcedures[0].operations[0].steps[0];
    first.prerequisites = ['FRESH-HANDOFF'];
    const result = mbrFileSchema.safeParse(copy);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('prerequisite FRESH-HANDOFF is not an earlier step');
    expect(() => parse('broken copy', copy)).toThrow(/prerequisite FRESH-HANDOFF is not an earlier step/);
  });

  it('refuses an alert range that is wider than the action range', () => {
    const copy = raw('cd19-car-t-skeleton.v1.mbr.json') as {
      procedure: { unitProcedures: { operations: { steps: { fields: { alert?: object }[] }[] }[] }[] };
    };
    copy.procedure.unitProcedures[0].operations[0].steps[0].fields[1].alert = { min: 60, max: 100 };
    expect(() => parse('broken copy', copy)).toThrow(/the alert range must lie within the action range/);
  });
});
