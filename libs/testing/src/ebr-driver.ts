import { ApiClient, ApiResponse, eventually } from './http-client';
import { TestSystem } from './test-system';

export const DEMO_PASSWORD = 'demo-password';

/** Both signature components: always valid, first signing of a session or not. */
export const signatureOf = (username: string) => ({ username, password: DEMO_PASSWORD });

interface FieldDef {
  name: string;
  type: 'number' | 'text' | 'boolean' | 'choice';
  required?: boolean;
  decimals?: number;
  target?: number;
  alert?: { min?: number; max?: number };
  action?: { min?: number; max?: number };
  choices?: string[];
  expected?: boolean;
}

export interface StepView {
  sequence: number;
  code: string;
  name: string;
  state: string;
  definition: {
    requiresCoiScan: boolean;
    skippable: boolean;
    fields: FieldDef[];
    materials: { materialCode: string; quantity: number; unit: string; requiresLotScan: boolean; thaw?: { useByHours: number } }[];
    equipment: { type: string; requiresScan: boolean }[];
    signature: { verifierRequired: boolean; verifierRoles?: string[] };
  };
  values: Record<string, unknown> | null;
  valueFlags: Record<string, string> | null;
  signatures: { meaning: string; valid: boolean; username: string }[];
}

export interface BatchViewBody {
  id: string;
  lotNumber: string;
  coi: string;
  state: string;
  holdReason: string | null;
  steps: StepView[];
  timing: {
    code: string;
    kind: string;
    stepCode: string;
    earliestAt: string | null;
    dueAt: string;
    state: string;
    late: boolean;
    deviationId: string | null;
  }[];
}

/** A value inside the alert limits (or the target), at the field's resolution. */
export function goodValue(field: FieldDef): number | string | boolean {
  switch (field.type) {
    case 'boolean':
      return field.expected ?? true;
    case 'choice':
      return field.choices![0];
    case 'text':
      return 'recorded by test';
    case 'number': {
      const range = { ...field.action, ...field.alert };
      let value: number;
      if (field.target !== undefined && within(field.target, range)) value = field.target;
      else if (range.min !== undefined && range.max !== undefined) value = (range.min + range.max) / 2;
      else if (range.min !== undefined) value = range.min + Math.max(1, Math.abs(range.min) * 0.2);
      else if (range.max !== undefined) value = range.max - Math.max(1, Math.abs(range.max) * 0.2);
      else value = 1;
      const d = field.decimals ?? 2;
      return Number(value.toFixed(d));
    }
  }
}

const within = (v: number, r: { min?: number; max?: number }) => (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);

export interface StepPlan {
  /** Values to use instead of the in-limit defaults. */
  values?: Record<string, unknown>;
  /** Skip this step (supervisor, minor deviation) instead of performing it. */
  skip?: boolean;
  /** Hook run before the step is completed (e.g. to wait past a window). */
  before?: () => Promise<void>;
  /** Hook run after completion and verification. */
  after?: (batch: BatchViewBody) => Promise<void>;
}

export interface DriverUsers {
  performer: string;
  performerToken: string;
  verifier: string;
  verifierToken: string;
}

/**
 * Drives an executed batch record through its MBR the way the shop floor would: waits for each timing window to open
 * (on the shared accelerated clock), scans the COI, a fresh lot per material and `EQ-<TYPE>-01` equipment, enters
 * in-limit values, signs, and has a supervisor verify where the MBR requires it.
 */
export class EbrDriver {
  private readonly br: ApiClient;
  private readonly brVerifier: ApiClient;

  constructor(
    private readonly system: TestSystem,
    private readonly users: DriverUsers,
    /** One released lot per material code, for this batch. */
    private readonly lots: Record<string, string>,
  ) {
    this.br = system.api('batch-record', users.performerToken);
    this.brVerifier = system.api('batch-record', users.verifierToken);
  }

  async batch(id: string): Promise<BatchViewBody> {
    const r = await this.br.get<BatchViewBody>(`/batches/${id}`);
    if (r.status !== 200) throw new Error(`GET batch ${id}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Runs every remaining step in order; `plans` adjusts single steps. Returns the final batch view. */
  async runAll(batchId: string, plans: Record<string, StepPlan> = {}): Promise<BatchViewBody> {
    let batch = await this.batch(batchId);
    for (const { code, state } of [...batch.steps].sort((a, b) => a.sequence - b.sequence)) {
      if (state !== 'ready' && state !== 'pending' && state !== 'in-progress') continue;
      const plan = plans[code] ?? {};
      // Hooks may change the batch; otherwise the view returned by the last request is current (one request less per step).
      batch = await this.runStep(batchId, code, plan, plan.before ? undefined : batch);
    }
    return batch;
  }

  async runStep(batchId: string, code: string, plan: StepPlan = {}, current?: BatchViewBody): Promise<BatchViewBody> {
    if (plan.before) await plan.before();
    const view = current ?? (await this.batch(batchId));
    const step = view.steps.find((s) => s.code === code)!;
    if (!plan.skip) await this.waitForWindow(view, code);
    if (plan.skip) {
      const r = await this.system.api('batch-record', this.users.verifierToken).post(`/batches/${batchId}/steps/${code}/skip`, {
        reason: 'not needed: cell density within range (test)',
        classification: 'minor',
        signature: signatureOf(this.users.verifier),
      });
      expectOk(r, `skip ${code}`);
      return r.body as BatchViewBody;
    }
    const body = this.completeBody(step, plan.values);
    // The read model of lots and equipment fills from inventory's events: the first use may have to wait for it.
    const done = await eventually(
      async () => {
        const r = await this.br.post(`/batches/${batchId}/steps/${code}/complete`, body);
        const waitingForReadModel =
          r.status === 422 &&
          ['material-not-usable', 'equipment-not-usable'].includes(r.body?.code) &&
          /unknown|not known/.test(r.body.detail);
        return waitingForReadModel ? undefined : r;
      },
      30_000,
      `step ${code} to be accepted`,
    );
    expectOk(done, `complete ${code}`);
    let batch = done.body as BatchViewBody;
    if (step.definition.signature.verifierRequired) {
      const v = await this.brVerifier.post(`/batches/${batchId}/steps/${code}/verify`, { signature: signatureOf(this.users.verifier) });
      expectOk(v, `verify ${code}`);
      batch = v.body as BatchViewBody;
    }
    if (plan.after) await plan.after(batch);
    return batch;
  }

  completeBody(step: StepView, overrides: Record<string, unknown> = {}) {
    const unknown = Object.keys(overrides).filter((k) => !step.definition.fields.some((f) => f.name === k));
    if (unknown.length) throw new Error(`step ${step.code} has no field ${unknown.join(', ')}`);
    const values: Record<string, unknown> = {};
    for (const f of step.definition.fields) values[f.name] = f.name in overrides ? overrides[f.name] : goodValue(f);
    return {
      ...(step.definition.requiresCoiScan ? { scannedCoi: this.coi } : {}),
      values,
      materials: step.definition.materials
        .filter((m) => m.requiresLotScan)
        .map((m) => {
          const lotId = this.lots[m.materialCode];
          if (!lotId) throw new Error(`no lot prepared for ${m.materialCode}`);
          return { materialCode: m.materialCode, lotId };
        }),
      equipment: step.definition.equipment.filter((e) => e.requiresScan).map((e) => ({ assetTag: `EQ-${e.type}-01` })),
      signature: signatureOf(this.users.performer),
    };
  }

  coi = '';

  /** Waits (on the shared accelerated clock) until every window of the step has opened, plus a small margin. */
  async waitForWindow(batch: BatchViewBody, code: string): Promise<void> {
    const earliest = batch.timing
      .filter((t) => t.stepCode === code && t.kind === 'window' && t.earliestAt && t.state === 'open')
      .map((t) => new Date(t.earliestAt!).getTime())
      .sort((a, b) => b - a)[0];
    if (!earliest) return;
    const target = earliest + 60_000; // one simulated minute after opening
    for (;;) {
      const now = this.system.simNow().getTime();
      if (now >= target) return;
      await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, (target - now) / this.system.clockFactor))));
    }
  }
}

function expectOk(r: ApiResponse, what: string): void {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Receives and releases one fresh lot of each material code (materials handler), returns material code → lot id. */
export async function prepareLots(
  system: TestSystem,
  materialsToken: string,
  codes: { materialCode: string; unit: string }[],
  tag: string,
): Promise<Record<string, string>> {
  const inv = system.api('inventory', materialsToken);
  const out: Record<string, string> = {};
  const expiresAt = new Date(system.simNow().getTime() + 365 * 24 * 3600_000).toISOString();
  for (const { materialCode, unit } of codes) {
    const r = await inv.post('/lots', {
      materialCode,
      supplierLot: `${materialCode}-${tag}`,
      quantity: 50,
      unit,
      expiresAt,
      status: 'released',
    });
    expectOk(r, `receive lot ${materialCode}`);
    out[materialCode] = r.body.id;
  }
  return out;
}

/** Every (material code, unit) an MBR's steps consume, from the batch view. */
export function materialsOf(batch: BatchViewBody): { materialCode: string; unit: string }[] {
  const seen = new Map<string, string>();
  for (const s of batch.steps) for (const m of s.definition.materials) seen.set(m.materialCode, m.unit);
  return [...seen].map(([materialCode, unit]) => ({ materialCode, unit }));
}
