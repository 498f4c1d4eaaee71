import { z } from 'zod';

/**
 * The master batch record file format (JSON), after ISA-88: procedure → unit procedures → operations → steps.
 * Files live in apps/batch-record/master-batch-records/ and are imported as drafts; the lifecycle
 * (review, QA approval, effective) happens in the system, never by editing a file that was approved.
 */

const code = z.string().regex(/^[A-Z][A-Z0-9-]*$/, 'must be UPPER-CASE letters, digits and dashes');
const roles = z.array(z.enum(['operator', 'supervisor', 'qc-analyst', 'qa', 'materials'])).min(1);

/** Inclusive bounds; either side may be open. */
export const rangeSchema = z
  .object({ min: z.number().optional(), max: z.number().optional() })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min or max')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');

/**
 * A reading the operator enters. Numbers are checked on the server: outside `alert` → flagged for review;
 * outside `action` → a deviation is opened and the step needs a supervisor decision. `decimals` is the
 * resolution the instrument reports; more digits are refused, never rounded.
 */
export const fieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase'),
    label: z.string().min(1),
    type: z.enum(['number', 'text', 'boolean', 'choice']),
    unit: z.string().min(1).optional(),
    required: z.boolean().default(true),
    decimals: z.number().int().min(0).max(6).optional(),
    target: z.number().optional(),
    alert: rangeSchema.optional(),
    action: rangeSchema.optional(),
    choices: z.array(z.string().min(1)).min(2).optional(),
    /** For boolean checks: the value that is expected; the other one is an action-limit excursion. */
    expected: z.boolean().optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const numeric = f.type === 'number';
    if (!numeric && (f.alert || f.action || f.target !== undefined || f.decimals !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'limits, target and decimals apply to number fields only' });
    }
    if (f.type === 'choice' && !f.choices) ctx.addIssue({ code: 'custom', message: 'a choice field needs choices' });
    if (f.type !== 'choice' && f.choices) ctx.addIssue({ code: 'custom', message: 'choices apply to choice fields only' });
    if (f.type !== 'boolean' && f.expected !== undefined)
      ctx.addIssue({ code: 'custom', message: 'expected applies to boolean fields only' });
    // Alert limits sit inside action limits: a value outside the action range is always outside the alert range too.
    if (f.alert && f.action) {
      const { alert, action } = f;
      if (
        (action.min !== undefined && (alert.min === undefined || alert.min < action.min)) ||
        (action.max !== undefined && (alert.max === undefined || alert.max > action.max))
      ) {
        ctx.addIssue({ code: 'custom', message: 'the alert range must lie within the action range' });
      }
    }
  });

/** A material the step consumes. `thaw` starts the thawed lot's use-by clock in inventory. */
export const materialLineSchema = z
  .object({
    materialCode: code,
    description: z.string().min(1),
    quantity: z.number().positive(),
    unit: z.string().min(1),
    requiresLotScan: z.boolean(),
    thaw: z.object({ useByHours: z.number().positive() }).strict().optional(),
  })
  .strict();

/** A piece of equipment of this type must be used; a scan checks it is in service and calibrated. */
export const equipmentLineSchema = z.object({ type: code, description: z.string().min(1), requiresScan: z.boolean() }).strict();

/** A sample drawn at this step; `testPlan` makes qc-release create the plan's test orders. */
export const sampleSchema = z
  .object({ sampleType: z.string().min(1), testPlan: code.optional(), volumeMl: z.number().positive().optional() })
  .strict();

export const signatureRuleSchema = z
  .object({
    performerRoles: roles.default(['operator', 'supervisor']),
    verifierRequired: z.boolean(),
    verifierRoles: roles.optional(),
  })
  .strict()
  .refine((s) => !s.verifierRequired || (s.verifierRoles?.length ?? 0) > 0, 'a required verification names verifierRoles');

/**
 * "Start this step between minHours and maxHours after step `after` was completed" (a timing window), or, for a hold,
 * "complete this step within maxHours of `after`'s completion". A warning goes out `warnBeforeHours` before the limit;
 * missing it opens a deviation.
 */
export const timingConstraintSchema = z
  .object({
    code,
    kind: z.enum(['window', 'hold']),
    description: z.string().min(1),
    after: code,
    minHours: z.number().nonnegative().optional(),
    maxHours: z.number().positive(),
    warnBeforeHours: z.number().positive().optional(),
  })
  .strict()
  .refine((c) => c.minHours === undefined || c.minHours < c.maxHours, 'minHours must be less than maxHours')
  .refine((c) => c.kind === 'window' || c.minHours === undefined, 'a hold has no minimum');

export const stepSchema = z
  .object({
    code,
    name: z.string().min(1),
    instructions: z.string().min(1),
    /** Steps that must be completed first; absent = the step before it in the file. */
    prerequisites: z.array(code).optional(),
    /** A step that may be skipped with a deviation (e.g. an optional feed); other steps can never be skipped. */
    skippable: z.boolean().default(false),
    requiresCoiScan: z.boolean(),
    fields: z.array(fieldSchema).default([]),
    materials: z.array(materialLineSchema).default([]),
    equipment: z.array(equipmentLineSchema).default([]),
    samples: z.array(sampleSchema).default([]),
    signature: signatureRuleSchema,
    timing: z.array(timingConstraintSchema).default([]),
  })
  .strict();

export const operationSchema = z.object({ code, name: z.string().min(1), steps: z.array(stepSchema).min(1) }).strict();
export const unitProcedureSchema = z.object({ code, name: z.string().min(1), operations: z.array(operationSchema).min(1) }).strict();

export const mbrFileSchema = z
  .object({
    $schema: z.string().optional(),
    code,
    version: z.number().int().positive(),
    productCode: code,
    name: z.string().min(1),
    description: z.string().min(1),
    /** Says plainly whether the numbers are the facility's validated values or examples to be replaced. */
    disclaimer: z.string().min(1),
    startingMaterial: z.enum(['fresh-apheresis', 'cryopreserved-apheresis']),
    finalProduct: z.enum(['fresh', 'cryopreserved']),
    procedure: z.object({ code, name: z.string().min(1), unitProcedures: z.array(unitProcedureSchema).min(1) }).strict(),
  })
  .strict()
  .superRefine((mbr, ctx) => {
    const steps = flattenSteps(mbr);
    const seen = new Map<string, number>();
    const codes = new Set<string>();
    for (const [unitIndex, unit] of mbr.procedure.unitProcedures.entries()) {
      for (const [opIndex, op] of unit.operations.entries()) {
        if (codes.has(op.code) || codes.has(unit.code))
          ctx.addIssue({
            code: 'custom',
            message: `code ${op.code} is used twice`,
            path: ['procedure', 'unitProcedures', unitIndex, 'operations', opIndex],
          });
        codes.add(op.code);
      }
      codes.add(unit.code);
    }
    const before = new Map<string, Set<string>>(); // step code → every step that must be done before it (transitively)
    const timingCodes = new Set<string>();
    steps.forEach((s, i) => {
      const path = ['steps', s.code];
      if (seen.has(s.step.code)) ctx.addIssue({ code: 'custom', message: `step code ${s.step.code} is used twice`, path });
      for (const p of s.step.prerequisites ?? []) {
        if (!seen.has(p)) ctx.addIssue({ code: 'custom', message: `prerequisite ${p} is not an earlier step`, path });
      }
      const direct = s.step.prerequisites ?? (i > 0 ? [steps[i - 1].code] : []);
      const closure = new Set<string>(direct.flatMap((p) => [p, ...(before.get(p) ?? [])]));
      before.set(s.code, closure);
      for (const t of s.step.timing) {
        if (!seen.has(t.after))
          ctx.addIssue({ code: 'custom', message: `timing ${t.code} refers to ${t.after}, which is not an earlier step`, path });
        // Otherwise the constrained step could run first and its window would open after the fact, never to be met.
        else if (!closure.has(t.after))
          ctx.addIssue({ code: 'custom', message: `timing ${t.code}: ${t.after} must be a (transitive) prerequisite of ${s.code}`, path });
        if (timingCodes.has(t.code)) ctx.addIssue({ code: 'custom', message: `timing code ${t.code} is used twice`, path });
        timingCodes.add(t.code);
      }
      const names = new Set<string>();
      for (const f of s.step.fields) {
        if (names.has(f.name)) ctx.addIssue({ code: 'custom', message: `field ${f.name} is declared twice`, path });
        names.add(f.name);
      }
      seen.set(s.step.code, i);
    });
  });

export type MbrFile = z.infer<typeof mbrFileSchema>;
export type MbrFileInput = z.input<typeof mbrFileSchema>;
export type StepDefinition = z.infer<typeof stepSchema>;
export type FieldDefinition = z.infer<typeof fieldSchema>;
export type MaterialLine = z.infer<typeof materialLineSchema>;
export type EquipmentLine = z.infer<typeof equipmentLineSchema>;
export type TimingConstraint = z.infer<typeof timingConstraintSchema>;
export type Range = z.infer<typeof rangeSchema>;

/** A step with its place in the ISA-88 hierarchy, in execution order (sequence starts at 1). */
export interface PlacedStep {
  sequence: number;
  code: string;
  unitProcedure: { code: string; name: string };
  operation: { code: string; name: string };
  step: StepDefinition;
}

/** The steps in file order, each with the codes of its unit procedure and operation. */
export function flattenSteps(mbr: Pick<MbrFile, 'procedure'>): PlacedStep[] {
  const out: PlacedStep[] = [];
  for (const unit of mbr.procedure.unitProcedures) {
    for (const op of unit.operations) {
      for (const step of op.steps) {
        out.push({
          sequence: out.length + 1,
          code: step.code,
          unitProcedure: { code: unit.code, name: unit.name },
          operation: { code: op.code, name: op.name },
          step,
        });
      }
    }
  }
  return out;
}

/** The effective prerequisites of every step: declared ones, or the previous step in file order. */
export function prerequisitesOf(steps: PlacedStep[], index: number): string[] {
  const declared = steps[index].step.prerequisites;
  if (declared) return declared;
  return index === 0 ? [] : [steps[index - 1].code];
}
