import { BatchStepEntity } from '../batches/batch.entity';
import { StepCorrectionEntity } from '../batches/step-correction.entity';
import { describeLimits } from '../batches/rules/step-values';
import { IdentityRefusalEntity } from '../chain-of-identity/identity-refusal.entity';
import { DeviationEntity } from '../deviations/deviation.entity';
import { MaterialRefusalEntity } from '../materials/material-refusal.entity';
import { TimingRecordEntity } from '../timing/timing-record.entity';

export interface ReviewFacts {
  steps: BatchStepEntity[];
  deviations: DeviationEntity[];
  corrections: StepCorrectionEntity[];
  timing: TimingRecordEntity[];
  refusals: IdentityRefusalEntity[];
  materialRefusals: MaterialRefusalEntity[];
  /** Signatures whose content no longer matches the record, by step code. */
  invalidSignatures: { stepCode: string | null; meaning: string; signer: string; signedAt: string }[];
}

export interface ReviewExceptions {
  counts: {
    deviations: number;
    openDeviations: number;
    openCriticalDeviations: number;
    flaggedValues: number;
    corrections: number;
    timingExceptions: number;
    identityRefusals: number;
    materialRefusals: number;
    overrides: number;
    invalidSignatures: number;
    total: number;
  };
  /** Why review cannot be completed now (empty = it can). */
  blockers: string[];
  deviations: {
    id: string;
    number: string;
    stepCode: string | null;
    classification: string;
    state: string;
    source: string;
    title: string;
  }[];
  flaggedValues: {
    stepCode: string;
    field: string;
    label: string;
    value: unknown;
    unit: string | null;
    flag: string;
    limits: string | null;
  }[];
  corrections: { stepCode: string; field: string; oldValue: unknown; newValue: unknown; reason: string; by: string; at: string }[];
  timing: {
    code: string;
    kind: string;
    stepCode: string;
    description: string;
    dueAt: string;
    state: string;
    late: boolean;
    metAt: string | null;
  }[];
  identityRefusals: { at: string; context: string; by: string }[];
  materialRefusals: { at: string; stepCode: string; by: string; lots: { lotId: string; materialCode: string; reason: string }[] }[];
  overrides: { stepCode: string; kind: 'decision' | 'skip'; reason: string; by: string | null; at: string | null }[];
  invalidSignatures: ReviewFacts['invalidSignatures'];
}

/** Review by exception: only what needs QA's eyes. A clean batch has all counts at zero and reviews in minutes. */
export function reviewExceptions(facts: ReviewFacts): ReviewExceptions {
  const codeOf = new Map(facts.steps.map((s) => [s.id, s.code]));
  const flaggedValues = facts.steps.flatMap((s) =>
    Object.entries(s.valueFlags ?? {})
      .filter(([, flag]) => flag !== 'ok')
      .map(([name, flag]) => {
        const field = s.definition.fields.find((f) => f.name === name);
        return {
          stepCode: s.code,
          field: name,
          label: field?.label ?? name,
          value: s.values?.[name] ?? null,
          unit: field?.unit ?? null,
          flag,
          limits: field ? describeLimits(field) : null,
        };
      }),
  );
  const timing = facts.timing
    .filter((t) => t.state === 'missed' || t.late)
    .map((t) => ({
      code: t.code,
      kind: t.kind,
      stepCode: t.stepCode,
      description: t.description,
      dueAt: t.dueAt.toISOString(),
      state: t.state,
      late: t.late,
      metAt: t.metAt?.toISOString() ?? null,
    }));
  const overrides = facts.steps.flatMap((s) => [
    ...(s.decision
      ? [{ stepCode: s.code, kind: 'decision' as const, reason: s.decision.reason, by: s.decision.byName, at: s.decision.at }]
      : []),
    ...(s.state === 'skipped' ? [{ stepCode: s.code, kind: 'skip' as const, reason: s.skippedReason ?? '', by: null, at: null }] : []),
  ]);
  const open = facts.deviations.filter((d) => d.state === 'open');
  const openCritical = open.filter((d) => d.classification === 'critical');
  const awaiting = facts.steps.filter((s) => s.decisionRequired && !s.decision);
  const blockers = [
    ...openCritical.map((d) => `critical deviation ${d.number} is open`),
    ...awaiting.map((s) => `step ${s.code} awaits a supervisor decision`),
    ...facts.invalidSignatures.map(
      (s) => `the ${s.meaning} signature of ${s.signer} on ${s.stepCode ?? 'the batch'} no longer matches the record`,
    ),
  ];
  const counts = {
    deviations: facts.deviations.length,
    openDeviations: open.length,
    openCriticalDeviations: openCritical.length,
    flaggedValues: flaggedValues.length,
    corrections: facts.corrections.length,
    timingExceptions: timing.length,
    identityRefusals: facts.refusals.length,
    materialRefusals: facts.materialRefusals.length,
    overrides: overrides.length,
    invalidSignatures: facts.invalidSignatures.length,
    total: 0,
  };
  counts.total =
    counts.deviations +
    counts.flaggedValues +
    counts.corrections +
    counts.timingExceptions +
    counts.identityRefusals +
    counts.materialRefusals +
    counts.overrides +
    counts.invalidSignatures;
  return {
    counts,
    blockers,
    deviations: facts.deviations.map((d) => ({
      id: d.id,
      number: d.number,
      stepCode: d.stepCode,
      classification: d.classification,
      state: d.state,
      source: d.source,
      title: d.title,
    })),
    flaggedValues,
    corrections: facts.corrections.map((c) => ({
      stepCode: codeOf.get(c.stepId) ?? '?',
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      reason: c.reason,
      by: c.byName,
      at: c.correctedAt.toISOString(),
    })),
    timing,
    identityRefusals: facts.refusals.map((r) => ({ at: r.occurredAt.toISOString(), context: r.context, by: r.userName })),
    materialRefusals: facts.materialRefusals.map((r) => ({
      at: r.occurredAt.toISOString(),
      stepCode: r.stepCode,
      by: r.userName,
      lots: r.lots,
    })),
    overrides,
    invalidSignatures: facts.invalidSignatures,
  };
}
