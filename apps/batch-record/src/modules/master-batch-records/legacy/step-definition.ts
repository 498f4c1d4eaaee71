// Frozen: only the first migration uses this (the skeleton as it was first installed); new code uses ../mbr-schema.ts.
import { z } from 'zod';

/** A reading the operator enters; min/max are action limits (inclusive): outside them the step is refused. */
export const fieldDefinitionSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  type: z.enum(['number', 'string', 'boolean']),
  unit: z.string().optional(),
  required: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** A material the step consumes; a lot scan proves which lot went into this patient's product. */
export const materialLineSchema = z.object({
  materialCode: z.string().min(1),
  requiresLotScan: z.boolean(),
});

/** What completing the step asks other services to do (see StepActionV1 in the contracts). */
export const actionDefinitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thaw-material'), materialCode: z.string().min(1), useByHours: z.number().positive() }),
  z.object({ kind: z.literal('draw-release-samples'), testPlan: z.string().min(1) }),
]);

export const stepDefinitionSchema = z.object({
  code: z.string().regex(/^[A-Z0-9-]+$/),
  name: z.string().min(1),
  sequence: z.number().int().positive(),
  requiresCoiScan: z.boolean(),
  fields: z.array(fieldDefinitionSchema),
  materials: z.array(materialLineSchema),
  actions: z.array(actionDefinitionSchema),
});

export const mbrDefinitionSchema = z.object({
  code: z.string().min(1),
  version: z.number().int().positive(),
  productCode: z.string().min(1),
  name: z.string().min(1),
  steps: z.array(stepDefinitionSchema).min(1),
});

export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;
export type MaterialLine = z.infer<typeof materialLineSchema>;
export type ActionDefinition = z.infer<typeof actionDefinitionSchema>;
export type StepDefinition = z.infer<typeof stepDefinitionSchema>;
export type MbrDefinition = z.infer<typeof mbrDefinitionSchema>;
