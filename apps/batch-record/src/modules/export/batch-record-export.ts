/**
 * The executed batch record as one document: what QA signs off and an inspector reads. The JSON export is
 * exactly this object; the PDF renders it. Times are ISO-8601 UTC; `siteTimeZone` says how to show them.
 */
export interface BatchRecordExport {
  exportFormat: 'mes.batch-record-export.v1';
  generatedAt: string;
  generatedBy: { username: string; name: string };
  siteTimeZone: string;
  batch: {
    id: string;
    lotNumber: string;
    coi: string;
    orderId: string;
    clinicId: string;
    productCode: string;
    state: string;
    startedAt: string;
    completedAt: string | null;
    reviewedAt: string | null;
    reviewedBy: string | null;
    holdReason: string | null;
  };
  mbr: {
    code: string;
    version: number;
    name: string;
    contentHash: string;
    approvedBy: string | null;
    approvedAt: string | null;
    disclaimer: string;
  };
  steps: ExportStep[];
  deviations: ExportDeviation[];
  identityRefusals: { at: string; context: string; scannedCoi: string; by: string }[];
  audit: { entries: number; firstAt: string | null; lastAt: string | null; chainValid: boolean; chainMessage: string };
  summary: {
    steps: number;
    completed: number;
    verified: number;
    skipped: number;
    deviationsOpen: number;
    deviationsTotal: number;
    flaggedValues: number;
    corrections: number;
  };
}

export interface ExportStep {
  sequence: number;
  code: string;
  name: string;
  unitProcedure: string;
  operation: string;
  state: string;
  instructions: string;
  startedAt: string | null;
  completedAt: string | null;
  values: {
    name: string;
    label: string;
    value: number | string | boolean | null;
    unit: string | null;
    /** Human-readable limits, e.g. "target 95; alert ≥ 80; action ≥ 70". */
    limits: string | null;
    flag: 'ok' | 'alert' | 'action';
  }[];
  materials: { materialCode: string; lotId: string; quantity: number; unit: string }[];
  equipment: { assetTag: string; type: string; calibrationDueAt: string | null }[];
  scannedCoi: string | null;
  corrections: { field: string; oldValue: unknown; newValue: unknown; reason: string; by: string; at: string }[];
  signatures: ExportSignature[];
  decision: { decision: string; reason: string; by: string; at: string } | null;
  timing: { code: string; kind: string; description: string; dueFrom: string | null; dueBy: string; state: string }[];
}

export interface ExportSignature {
  meaning: 'performed' | 'verified' | 'reviewed' | 'approved' | 'decided' | 'corrected' | 'closed';
  printedName: string;
  username: string;
  signedAt: string;
  contentHash: string;
  /** False when the signed content was changed after signing: the signature no longer covers what is shown. */
  valid: boolean;
}

export interface ExportDeviation {
  number: string;
  stepCode: string | null;
  classification: 'minor' | 'major' | 'critical';
  source: string;
  state: 'open' | 'closed';
  title: string;
  description: string;
  impact: string | null;
  actions: string | null;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  signatures: ExportSignature[];
}
