import type { BatchRecordExport, ExportDeviation, ExportSignature, ExportStep } from './batch-record-export';

// Plain data only (no Nest, no TypeORM): shared by the PDF spec and tools/bench/ebr-export.ts.

export interface ExportFixtureOptions {
  steps?: number;
  deviations?: number;
  siteTimeZone?: string;
}

const START = Date.parse('2026-11-02T07:30:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hash = (seed: string) => {
  // Deterministic 64-hex "content hash": the fixture must not depend on crypto or randomness.
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${seed}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
};

const PROCEDURES: [unitProcedure: string, operation: string, name: string, instructions: string][] = [
  [
    'UP-01 Receipt',
    'OP-01 Incoming apheresis',
    'Apheresis receipt and COI verification',
    'Scan the bag label and confirm the COI matches the order. Inspect the bag for leaks and record the temperature logger reading (2-8 °C).',
  ],
  [
    'UP-02 Cell preparation',
    'OP-02 Washing',
    'Cell wash and volume reduction',
    'Wash the apheresis product on the closed-system cell processor using the validated programme. Record post-wash viability and volume.',
  ],
  [
    'UP-02 Cell preparation',
    'OP-03 Selection',
    'CD4/CD8 T-cell selection',
    'Label cells with CD4 and CD8 microbeads, run the selection programme and sample the positive fraction for flow cytometry.',
  ],
  [
    'UP-03 Activation',
    'OP-04 Activation',
    'T-cell activation',
    'Seed selected cells at target density with activation reagent and IL-2. Confirm the incubator set point before transfer.',
  ],
  [
    'UP-04 Gene transfer',
    'OP-05 Transduction',
    'Lentiviral transduction',
    'Thaw the vector lot in the BSC, add at the MOI stated in the MBR and mix gently. Record the vector lot and volume added.',
  ],
  [
    'UP-05 Expansion',
    'OP-06 Expansion',
    'Expansion sampling and feed',
    'Sample the bioreactor aseptically, count cells and add medium according to the feeding table. Record glucose and lactate.',
  ],
  [
    'UP-06 Harvest',
    'OP-07 Harvest',
    'Harvest and concentration',
    'Harvest the culture, concentrate to the formulation volume and take release samples (sterility, endotoxin, mycoplasma, VCN).',
  ],
  [
    'UP-07 Formulation',
    'OP-08 Fill',
    'Formulation and fill',
    'Formulate in cryopreservation medium, fill the infusion bags to the prescribed dose and apply patient-specific labels.',
  ],
  [
    'UP-08 Cryopreservation',
    'OP-09 Freezing',
    'Controlled-rate freezing',
    'Load the bags into the controlled-rate freezer, run the validated profile and transfer to LN2 vapour storage within 15 minutes.',
  ],
];

const VALUES: ExportStep['values'] = [
  { name: 'viability', label: 'Viability', value: 93.4, unit: '%', limits: 'target 95; alert ≥ 80; action ≥ 70', flag: 'ok' },
  { name: 'viableCellCount', label: 'Viable cell count', value: 2.7, unit: '×10⁹ cells', limits: 'alert ≥ 1.0; action ≥ 0.5', flag: 'ok' },
  { name: 'volume', label: 'Volume', value: 118, unit: 'mL', limits: '100–150 mL', flag: 'ok' },
  { name: 'temperature', label: 'Product temperature', value: 6.1, unit: '°C', limits: '2 ≤ T ≤ 8', flag: 'ok' },
  { name: 'glucose', label: 'Glucose', value: 4.2, unit: 'mmol/L', limits: 'alert ≤ 3.0; action ≤ 2.0', flag: 'ok' },
  { name: 'il2Volume', label: 'IL-2 added', value: 250, unit: 'µL', limits: '240–260 µL', flag: 'ok' },
  { name: 'visualInspection', label: 'Bag intact, no leaks', value: true, unit: null, limits: 'must be Yes', flag: 'ok' },
  { name: 'operatorComment', label: 'Operator comment', value: null, unit: null, limits: null, flag: 'ok' },
];

const MATERIALS = [
  { materialCode: 'IL2-CYTOKINE', unit: 'µg', quantity: 50 },
  { materialCode: 'TEXMACS-MEDIUM', unit: 'mL', quantity: 500 },
  { materialCode: 'CD4-MICROBEADS', unit: 'vial', quantity: 1 },
  { materialCode: 'LV-CD19CAR-VECTOR', unit: 'mL', quantity: 2.4 },
  { materialCode: 'CRYOSTOR-CS10', unit: 'mL', quantity: 70 },
];

const EQUIPMENT = [
  { assetTag: 'EQ-BSC-004', type: 'Biosafety cabinet' },
  { assetTag: 'EQ-PRODIGY-002', type: 'Closed-system cell processor' },
  { assetTag: 'EQ-INC-011', type: 'CO2 incubator' },
  { assetTag: 'EQ-CRF-001', type: 'Controlled-rate freezer' },
  { assetTag: 'EQ-BAL-007', type: 'Balance' },
];

const PEOPLE = [
  { username: 'operator', printedName: 'Olivia Operator' },
  { username: 'operator2', printedName: 'Omar Ortiz' },
  { username: 'supervisor', printedName: 'Sofia Supervisor' },
  { username: 'qa', printedName: 'Quentin Quality' },
];

function signature(meaning: ExportSignature['meaning'], person: (typeof PEOPLE)[number], at: number, seed: string): ExportSignature {
  return { meaning, printedName: person.printedName, username: person.username, signedAt: iso(at), contentHash: hash(seed), valid: true };
}

function step(i: number, coi: string): ExportStep {
  const [unitProcedure, operation, base, instructions] = PROCEDURES[i % PROCEDURES.length];
  const round = Math.floor(i / PROCEDURES.length);
  const code = `S${String(i + 1).padStart(2, '0')}`;
  const startedAt = START + i * 4 * HOUR;
  const completedAt = startedAt + 2 * HOUR + (i % 3) * 15 * 60_000;
  const values = Array.from({ length: 3 + (i % 4) }, (_, k) => ({ ...VALUES[(i + k) % VALUES.length] }));
  // A few realistic excursions: every 7th step has an alert, every 11th an action-limit value.
  if (i % 7 === 3) values[0] = { ...values[0], flag: 'alert' };
  if (i % 11 === 5) values[values.length - 1] = { ...values[values.length - 1], flag: 'action' };
  const by = PEOPLE[i % 2];
  return {
    sequence: i + 1,
    code,
    name: round === 0 ? base : `${base} (${round + 1})`,
    unitProcedure,
    operation,
    state: 'verified',
    instructions,
    startedAt: iso(startedAt),
    completedAt: iso(completedAt),
    values,
    materials: Array.from({ length: 1 + (i % 2) }, (_, k) => {
      const m = MATERIALS[(i + k) % MATERIALS.length];
      return {
        materialCode: m.materialCode,
        lotId: `LOT-${m.materialCode.split('-')[0]}-${2600 + ((i + k) % 9)}`,
        quantity: m.quantity,
        unit: m.unit,
      };
    }),
    equipment: Array.from({ length: 1 + ((i + 1) % 2) }, (_, k) => {
      const e = EQUIPMENT[(i + k) % EQUIPMENT.length];
      return { ...e, calibrationDueAt: iso(START + (90 + ((i * 13) % 200)) * 24 * HOUR) };
    }),
    scannedCoi: i % PROCEDURES.length === 0 ? coi : null,
    corrections:
      i % 8 === 2
        ? [
            {
              field: values[0].name,
              oldValue: 39.1,
              newValue: values[0].value,
              reason: 'Transcription error: decimal point misread from the analyser printout',
              by: by.username,
              at: iso(completedAt + 20 * 60_000),
            },
          ]
        : [],
    signatures: [
      signature('performed', by, completedAt, `${code}-performed`),
      signature('verified', PEOPLE[2], completedAt + 30 * 60_000, `${code}-verified`),
    ],
    decision: null,
    timing:
      i % 4 === 1
        ? [
            {
              code: `T-${code}`,
              kind: 'max-hold',
              description: 'Start within 4 h of the previous step completing',
              dueFrom: iso(startedAt - 2 * HOUR),
              dueBy: iso(startedAt + 2 * HOUR),
              state: 'met',
            },
          ]
        : [],
  };
}

function deviation(n: number, steps: ExportStep[]): ExportDeviation {
  const s = steps[Math.min(steps.length - 1, 2 + n * 5)] ?? null;
  const openedAt = s?.completedAt ? Date.parse(s.completedAt) + HOUR : START + HOUR;
  const open = n === 0;
  const classification: ExportDeviation['classification'] = (['major', 'minor', 'critical'] as const)[n % 3];
  return {
    number: `DEV-2026-${String(41 + n).padStart(4, '0')}`,
    stepCode: s?.code ?? null,
    classification,
    source: n % 2 ? 'operator' : 'system: action limit',
    state: open ? 'open' : 'closed',
    title: ['Viability below alert limit after wash', 'Incubator door alarm during activation', 'Label reprint after printer jam'][n % 3],
    description:
      'During the step the recorded value fell outside the alert limit defined in the MBR. The operator stopped, informed the supervisor and the product was held in the ' +
      'biosafety cabinet while the cause was investigated. Environmental monitoring for the room was within limits for the whole shift.',
    impact: open ? null : 'No impact on product quality: all release tests within specification; root cause was a sampling delay.',
    actions: open ? null : 'Operators retrained on sampling timing (TR-2026-118). CAPA-2026-0032 raised to add a timer prompt to the step.',
    openedAt: iso(openedAt),
    openedBy: PEOPLE[n % 2].username,
    closedAt: open ? null : iso(openedAt + 26 * HOUR),
    closedBy: open ? null : PEOPLE[3].username,
    signatures: open ? [] : [signature('closed', PEOPLE[3], openedAt + 26 * HOUR, `dev-${n}-closed`)],
  };
}

/** A realistic, deterministic executed batch record with `steps` steps (default 30) and `deviations` deviations (default 3). */
export function buildBatchRecordExport(options: ExportFixtureOptions = {}): BatchRecordExport {
  const coi = 'COI-CD19-2026-000417';
  const steps = Array.from({ length: options.steps ?? 30 }, (_, i) => step(i, coi));
  if (steps.length > 4)
    steps[4].decision = {
      decision: 'continue',
      reason: 'Alert-limit viability reviewed; within action limit, proceed per SOP-MFG-014.',
      by: 'supervisor',
      at: steps[4].completedAt ?? iso(START),
    };
  const deviations = Array.from({ length: options.deviations ?? 3 }, (_, n) => deviation(n, steps));
  const last = steps.at(-1)?.completedAt ?? iso(START);
  const count = (f: (s: ExportStep) => boolean) => steps.filter(f).length;
  return {
    exportFormat: 'mes.batch-record-export.v1',
    generatedAt: iso(Date.parse(last) + 48 * HOUR),
    generatedBy: { username: 'qa', name: 'Quentin Quality' },
    siteTimeZone: options.siteTimeZone ?? 'Europe/Berlin',
    batch: {
      id: '7f1c2a9e-3b4d-4e5f-8a6b-0c1d2e3f4a5b',
      lotNumber: 'CART-2026-0417',
      coi,
      orderId: '2b8d4f6a-1c3e-4a5b-9d7f-8e6c4a2b0d1f',
      clinicId: 'clinic-a',
      productCode: 'CD19-CAR-T',
      state: 'completed',
      startedAt: iso(START),
      completedAt: last,
      reviewedAt: null,
      reviewedBy: null,
      holdReason: null,
    },
    mbr: {
      code: 'CD19-CAR-T',
      version: 3,
      name: 'CD19 CAR-T autologous manufacturing',
      contentHash: hash('mbr-CD19-CAR-T-v3'),
      approvedBy: 'qa',
      approvedAt: iso(START - 30 * 24 * HOUR),
      disclaimer: 'Demonstration MBR for an open-source MES. Not validated for clinical or commercial manufacturing.',
    },
    steps,
    deviations,
    identityRefusals: [{ at: iso(START + 5 * 60_000), context: 'apheresis receipt', scannedCoi: 'COI-CD19-2026-000471', by: 'operator' }],
    audit: {
      entries: 40 + steps.length * 9 + deviations.length * 4,
      firstAt: iso(START - HOUR),
      lastAt: last,
      chainValid: true,
      chainMessage: 'All entries verified',
    },
    summary: {
      steps: steps.length,
      completed: count((s) => s.completedAt !== null),
      verified: count((s) => s.state === 'verified'),
      skipped: count((s) => s.state === 'skipped'),
      deviationsOpen: deviations.filter((d) => d.state === 'open').length,
      deviationsTotal: deviations.length,
      flaggedValues: steps.reduce((n, s) => n + s.values.filter((v) => v.flag !== 'ok').length, 0),
      corrections: steps.reduce((n, s) => n + s.corrections.length, 0),
    },
  };
}
