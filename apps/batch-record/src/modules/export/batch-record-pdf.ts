import PDFDocument from 'pdfkit';
import type { BatchRecordExport, ExportDeviation, ExportSignature, ExportStep } from './batch-record-export';

export interface RenderPdfOptions {
  /** Deflate content streams (default true); tests turn it off to read the text. */
  compress?: boolean;
}

/** Renders the executed batch record as an A4 PDF for QA review and sign-off. Pure JS, built-in Helvetica only. */
export async function renderBatchRecordPdf(doc: BatchRecordExport, options: RenderPdfOptions = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: toWinAnsi(`Executed batch record ${doc.batch.lotNumber}`),
      Subject: toWinAnsi(`${doc.batch.productCode} ${doc.batch.coi}`),
      Author: toWinAnsi(doc.generatedBy.name),
      Creator: 'cell-therapy-mes',
      ...(Number.isNaN(Date.parse(doc.generatedAt)) ? {} : { CreationDate: new Date(doc.generatedAt) }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  new BatchRecordPdf(pdf, doc).render();
  pdf.end();
  return done;
}

// The standard 14 fonts are WinAnsi-encoded: pdfkit writes any other character as garbage bytes.
const REPLACEMENTS: Record<string, string> = {
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '∼': '~',
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '✓': 'OK',
  '✔': 'OK',
  '✗': 'X',
  '✘': 'X',
  μ: 'µ',
  '∞': 'inf',
  '√': 'sqrt',
  Δ: 'delta',
  Ω: 'Ohm',
  '′': "'",
  '″': '"',
  '\t': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
};
const SUPERSCRIPT_RUN = /[⁰¹²³⁴-⁹⁺⁻]+/g;
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const isWinAnsi = (ch: string) => {
  const c = ch.codePointAt(0) ?? 0;
  return ch === '\n' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};
const safeChar = (ch: string): string | undefined => (isWinAnsi(ch) ? ch : (REPLACEMENTS[ch] ?? (/\s/u.test(ch) ? ' ' : undefined)));

/** Maps text to what the built-in (WinAnsi) fonts can show: ≥ → ">=", ✓ → "OK", ő → "o", controls dropped, anything else "?". */
export function toWinAnsi(text: string): string {
  let out = '';
  // "10⁻⁹" must not print as "10-9" nor "×10⁹" as "×109": a superscript run with a character outside WinAnsi becomes "^-9".
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .replace(SUPERSCRIPT_RUN, (run) => (/[¹²³]/.test(run) && !/[⁰⁴-⁹⁺⁻]/.test(run) ? run : `^${run.normalize('NFKC')}`));
  for (const ch of normalised) {
    const direct = safeChar(ch);
    if (direct !== undefined) {
      out += direct;
      continue;
    }
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue;
    // Compatibility decomposition keeps the letter of accented or superscript characters (ő → o, ⁹ → 9).
    const parts = [...ch.normalize('NFKD').replace(/\p{M}/gu, '')].map(safeChar);
    out += parts.length > 0 && parts.every((p) => p !== undefined) ? parts.join('') : '?';
  }
  return out;
}

type Pdf = PDFKit.PDFDocument;
type Cell = string | { text: string; color?: string; bold?: boolean };
interface Column {
  header: string;
  width: number; // fraction of the content width
}

const MARGINS = { top: 76, bottom: 62, left: 48, right: 48 };
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };
const COLOR = {
  text: '#111111',
  muted: '#555555',
  rule: '#999999',
  band: '#e8ecf1',
  red: '#b00020',
  redFill: '#fde7ea',
  amber: '#9a5b00',
  amberFill: '#fff4d6',
  green: '#1b5e20',
  greenFill: '#e6f4ea',
};
const MAX_CELL_CHARS = 400;
const MAX_INSTRUCTION_CHARS = 500;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const shortHash = (h: string) => (h.length > 12 ? `${h.slice(0, 12)}…` : h);

class SiteTime {
  private readonly fmt: Intl.DateTimeFormat | null;

  constructor(readonly zone: string) {
    try {
      this.fmt = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'shortOffset',
      });
    } catch {
      this.fmt = null; // An unknown zone must not block the export: UTC stays authoritative.
    }
  }

  utc(iso: string | null): string {
    if (!iso) return '-';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }

  local(iso: string | null): string {
    if (!iso) return '-';
    const d = new Date(iso);
    if (!this.fmt || Number.isNaN(d.getTime())) return `(site time zone ${this.zone} not recognised)`;
    const p = Object.fromEntries(this.fmt.formatToParts(d).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
  }

  both(iso: string | null, sep = ' / '): string {
    return iso ? `${this.utc(iso)}${sep}${this.local(iso)}` : '-';
  }
}

class BatchRecordPdf {
  private readonly time: SiteTime;
  private readonly left = MARGINS.left;
  private readonly width: number;

  constructor(
    private readonly pdf: Pdf,
    private readonly doc: BatchRecordExport,
  ) {
    this.time = new SiteTime(doc.siteTimeZone);
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
  }

  render(): void {
    this.summary();
    this.heading('2. Executed steps');
    if (this.doc.steps.length === 0) this.write('No steps in this record.', { size: 9 });
    for (const step of [...this.doc.steps].sort((a, b) => a.sequence - b.sequence)) this.step(step);
    this.deviations();
    this.refusalsAndAudit();
    this.signOff();
    this.headersAndFooters();
  }

  // --- first page ------------------------------------------------------------------------------------------

  private summary(): void {
    const { batch, mbr, summary } = this.doc;
    this.write('Executed Batch Record', { font: FONT.bold, size: 18 });
    this.write(`${mbr.name} (MBR ${mbr.code} v${mbr.version})`, { color: COLOR.muted, size: 10, gap: 8 });
    this.banners();
    this.heading('1. Batch summary');
    this.keyValues([
      ['Lot number', batch.lotNumber],
      ['COI', batch.coi],
      ['Product', batch.productCode],
      ['Batch ID', batch.id],
      ['Order / clinic', `${batch.orderId} / ${batch.clinicId}`],
      ['State', batch.state.toUpperCase()],
      ['Started', this.time.both(batch.startedAt)],
      ['Completed', this.time.both(batch.completedAt)],
      ['QA review', batch.reviewedAt ? `${this.time.both(batch.reviewedAt)} by ${batch.reviewedBy ?? '-'}` : 'Not yet reviewed'],
      ...(batch.holdReason ? [['On hold', batch.holdReason] as [string, string]] : []),
      ['MBR', `${mbr.code} version ${mbr.version}: ${mbr.name}`],
      ['MBR content hash', mbr.contentHash],
      ['MBR approval', mbr.approvedAt ? `${mbr.approvedBy ?? '-'} at ${this.time.both(mbr.approvedAt)}` : 'NOT APPROVED'],
      ['Site time zone', this.doc.siteTimeZone],
      ['Exported by', `${this.doc.generatedBy.name} (${this.doc.generatedBy.username})`],
    ]);
    this.write(`MBR disclaimer: ${mbr.disclaimer}`, { font: FONT.italic, size: 8.5, color: COLOR.muted, gap: 8 });
    this.subheading('Counts');
    this.table(
      ['Steps', 'Completed', 'Verified', 'Skipped', 'Deviations open / total', 'Flagged values', 'Corrections'].map((header) => ({
        header,
        width: 1 / 7,
      })),
      [
        [
          summary.steps,
          summary.completed,
          summary.verified,
          summary.skipped,
          `${summary.deviationsOpen} / ${summary.deviationsTotal}`,
          summary.flaggedValues,
          summary.corrections,
        ].map(String),
      ],
    );
  }

  private banners(): void {
    const invalid = [
      ...this.doc.steps.flatMap((s) =>
        s.signatures.filter((g) => !g.valid).map((g) => `step ${s.sequence} ${s.code} (${g.meaning} by ${g.printedName})`),
      ),
      ...this.doc.deviations.flatMap((d) =>
        d.signatures.filter((g) => !g.valid).map((g) => `deviation ${d.number} (${g.meaning} by ${g.printedName})`),
      ),
    ];
    const open = this.doc.deviations.filter((d) => d.state === 'open');
    const openCount = Math.max(open.length, this.doc.summary.deviationsOpen);
    const alarms: string[] = [];
    if (invalid.length)
      alarms.push(`SIGNATURE INVALID: content changed after signing. ${invalid.length} signature(s): ${invalid.join('; ')}.`);
    if (openCount)
      alarms.push(
        `OPEN DEVIATIONS: ${openCount} of ${this.doc.deviations.length} not closed${open.length ? ` (${open.map((d) => d.number).join(', ')})` : ''}.`,
      );
    if (!this.doc.audit.chainValid) alarms.push(`AUDIT TRAIL CHAIN INVALID: ${this.doc.audit.chainMessage}`);
    if (this.doc.batch.holdReason) alarms.push(`BATCH ON HOLD: ${this.doc.batch.holdReason}`);
    if (alarms.length === 0)
      this.banner(['No open deviations, all signatures valid, audit trail chain verified.'], COLOR.green, COLOR.greenFill);
    else this.banner(alarms, COLOR.red, COLOR.redFill);
  }

  private banner(lines: string[], color: string, fill: string): void {
    const text = lines.map(toWinAnsi).join('\n');
    this.pdf.font(FONT.bold).fontSize(10);
    const h = this.pdf.heightOfString(text, { width: this.width - 16, paragraphGap: 3 }) + 12;
    this.ensureSpace(h);
    const y = this.pdf.y;
    this.pdf.save().rect(this.left, y, this.width, h).fillAndStroke(fill, color).restore();
    this.pdf.fillColor(color).text(text, this.left + 8, y + 6, { width: this.width - 16, paragraphGap: 3 });
    this.pdf.fillColor(COLOR.text);
    this.pdf.y = y + h + 8;
  }

  // --- steps -----------------------------------------------------------------------------------------------

  private step(s: ExportStep): void {
    // Keep the heading with its first lines: a heading alone at the foot of a page is an orphan.
    this.ensureSpace(130);
    const y = this.pdf.y;
    const title = toWinAnsi(`Step ${s.sequence}. ${s.name} (${s.code})`);
    const state = toWinAnsi(s.state.toUpperCase());
    const stateWidth = this.pdf.font(FONT.bold).fontSize(10).widthOfString(state);
    const titleWidth = this.width - stateWidth - 24;
    const h = this.pdf.fontSize(11).heightOfString(title, { width: titleWidth }) + 8;
    this.pdf.save().rect(this.left, y, this.width, h).fill(COLOR.band).restore();
    this.pdf.fillColor(COLOR.text).text(title, this.left + 6, y + 4, { width: titleWidth });
    this.pdf.fontSize(10).text(state, this.left + this.width - stateWidth - 6, y + 5, { lineBreak: false });
    this.pdf.y = y + h + 3;
    this.write(`${s.unitProcedure} / ${s.operation}`, { color: COLOR.muted, size: 8.5 });
    this.columns([`Started: ${this.time.both(s.startedAt, '\n')}`, `Completed: ${this.time.both(s.completedAt, '\n')}`], 8.5);
    this.write(`Instructions: ${clip(s.instructions, MAX_INSTRUCTION_CHARS)}`, { size: 8.5, color: COLOR.muted, gap: 4 });

    this.subheading('Recorded values');
    if (s.values.length === 0) this.write('No values recorded.', { size: 8.5 });
    else
      this.table(
        [
          { header: 'Parameter', width: 0.27 },
          { header: 'Value', width: 0.17 },
          { header: 'Unit', width: 0.12 },
          { header: 'Limits', width: 0.3 },
          { header: 'Flag', width: 0.14 },
        ],
        s.values.map((v) => [v.label, formatValue(v.value), v.unit ?? '', v.limits ?? '', flagCell(v.flag)]),
        s.values.map((v) => (v.flag === 'action' ? COLOR.redFill : v.flag === 'alert' ? COLOR.amberFill : null)),
      );
    this.list('Materials', s.materials.length, () =>
      this.table(
        [
          { header: 'Material', width: 0.4 },
          { header: 'Lot', width: 0.35 },
          { header: 'Quantity', width: 0.25 },
        ],
        s.materials.map((m) => [m.materialCode, m.lotId, `${m.quantity} ${m.unit}`]),
      ),
    );
    this.list('Equipment', s.equipment.length, () =>
      this.table(
        [
          { header: 'Asset tag', width: 0.25 },
          { header: 'Type', width: 0.35 },
          { header: 'Calibration due', width: 0.4 },
        ],
        s.equipment.map((e) => [e.assetTag, e.type, this.calibration(e.calibrationDueAt, s)]),
      ),
    );
    this.coi(s.scannedCoi);
    this.list('Timing constraints', s.timing.length, () =>
      this.table(
        [
          { header: 'Constraint', width: 0.14 },
          { header: 'Kind', width: 0.12 },
          { header: 'Description', width: 0.3 },
          { header: 'Window (UTC)', width: 0.3 },
          { header: 'State', width: 0.14 },
        ],
        s.timing.map((t) => [
          t.code,
          t.kind,
          t.description,
          `${t.dueFrom ? this.time.utc(t.dueFrom) : 'any time'} to ${this.time.utc(t.dueBy)}`,
          t.state.toUpperCase(),
        ]),
      ),
    );
    this.list('Corrections', s.corrections.length, () =>
      this.table(
        [
          { header: 'Field', width: 0.15 },
          { header: 'Old -> new', width: 0.2 },
          { header: 'Reason', width: 0.3 },
          { header: 'By', width: 0.12 },
          { header: 'At', width: 0.23 },
        ],
        s.corrections.map((c) => [
          c.field,
          `${formatValue(c.oldValue)} -> ${formatValue(c.newValue)}`,
          c.reason,
          c.by,
          this.time.both(c.at, '\n'),
        ]),
      ),
    );
    if (s.decision) {
      this.subheading('Supervisor decision');
      this.write(`${s.decision.decision.toUpperCase()}: ${s.decision.reason} (by ${s.decision.by} at ${this.time.both(s.decision.at)})`, {
        size: 8.5,
      });
    }
    this.signatures(s.signatures);
    this.pdf.moveDown(0.8);
  }

  private calibration(due: string | null, s: ExportStep): Cell {
    if (!due) return 'not calibrated / not recorded';
    const usedAt = s.completedAt ?? s.startedAt;
    const overdue = usedAt !== null && Date.parse(due) < Date.parse(usedAt);
    return overdue ? { text: `${this.time.utc(due)} OVERDUE AT USE`, color: COLOR.red, bold: true } : this.time.utc(due);
  }

  private coi(scanned: string | null): void {
    if (scanned === null) return;
    const matches = scanned === this.doc.batch.coi;
    this.pdf.moveDown(0.3);
    this.write(`Scanned COI: ${scanned} - ${matches ? 'matches the batch COI' : 'DOES NOT MATCH the batch COI'}`, {
      size: 8.5,
      font: FONT.bold,
      color: matches ? COLOR.green : COLOR.red,
    });
  }

  private signatures(signatures: ExportSignature[]): void {
    this.subheading('Signatures');
    if (signatures.length === 0) return this.write('No signatures.', { size: 8.5 });
    this.table(
      [
        { header: 'Meaning', width: 0.12 },
        { header: 'Signed by', width: 0.24 },
        { header: 'Date and time (UTC / site)', width: 0.28 },
        { header: 'Content hash', width: 0.16 },
        { header: 'Status', width: 0.2 },
      ],
      signatures.map((g) => [
        g.meaning,
        `${g.printedName} (${g.username})`,
        this.time.both(g.signedAt, '\n'),
        shortHash(g.contentHash),
        g.valid
          ? { text: 'VALID', color: COLOR.green, bold: true }
          : { text: 'SIGNATURE INVALID: content changed after signing', color: COLOR.red, bold: true },
      ]),
      signatures.map((g) => (g.valid ? null : COLOR.redFill)),
    );
  }

  // --- after the steps -------------------------------------------------------------------------------------

  private deviations(): void {
    this.heading(`3. Deviations (${this.doc.deviations.length})`);
    if (this.doc.deviations.length === 0) return this.write('No deviations were raised for this batch.', { size: 9 });
    for (const d of this.doc.deviations) this.deviation(d);
  }

  private deviation(d: ExportDeviation): void {
    this.ensureSpace(110);
    const open = d.state === 'open';
    this.write(`${d.number}  ${d.classification.toUpperCase()}  ${d.state.toUpperCase()}  ${d.title}`, {
      font: FONT.bold,
      size: 10.5,
      color: open ? COLOR.red : COLOR.text,
      gap: 2,
    });
    this.keyValues([
      ['Step', d.stepCode ?? 'batch level'],
      ['Source', d.source],
      ['Opened', `${this.time.both(d.openedAt)} by ${d.openedBy}`],
      ['Closed', d.closedAt ? `${this.time.both(d.closedAt)} by ${d.closedBy ?? '-'}` : 'NOT CLOSED'],
      ['Description', d.description],
      ['Impact', d.impact ?? '-'],
      ['Actions', d.actions ?? '-'],
    ]);
    if (d.signatures.length || !open) this.signatures(d.signatures);
    this.pdf.moveDown(0.8);
  }

  private refusalsAndAudit(): void {
    const { identityRefusals: refusals, audit } = this.doc;
    this.heading(`4. Identity refusals (${refusals.length})`);
    if (refusals.length === 0) this.write('No chain-of-identity scan was refused.', { size: 9 });
    else
      this.table(
        [
          { header: 'At (UTC / site)', width: 0.3 },
          { header: 'Context', width: 0.25 },
          { header: 'Scanned COI', width: 0.27 },
          { header: 'By', width: 0.18 },
        ],
        refusals.map((r) => [this.time.both(r.at, '\n'), r.context, r.scannedCoi, r.by]),
      );
    this.heading('5. Audit trail');
    this.keyValues([
      ['Entries', String(audit.entries)],
      ['First entry', this.time.both(audit.firstAt)],
      ['Last entry', this.time.both(audit.lastAt)],
      ['Hash chain', `${audit.chainValid ? 'VALID' : 'INVALID'}: ${audit.chainMessage}`],
    ]);
  }

  private signOff(): void {
    // The whole block on one page: a signature line separated from its statement is worthless.
    this.pdf.moveDown(1);
    this.ensureSpace(190);
    this.heading('6. QA review and sign-off', 0);
    this.write(
      `I have reviewed this executed batch record for lot ${this.doc.batch.lotNumber} (COI ${this.doc.batch.coi}), including all recorded values, corrections, ` +
        'deviations, signatures and the audit trail summary.',
      { size: 9.5, gap: 18 },
    );
    for (const label of ['Name (print)', 'Signature', 'Date']) {
      const y = this.pdf.y + 14;
      this.pdf.font(FONT.regular).fontSize(9.5).fillColor(COLOR.text).text(label, this.left, y, { lineBreak: false });
      this.pdf
        .save()
        .moveTo(this.left + 90, y + 10)
        .lineTo(this.left + 360, y + 10)
        .lineWidth(0.7)
        .stroke(COLOR.text)
        .restore();
      this.pdf.y = y + 26;
    }
  }

  // --- every page ------------------------------------------------------------------------------------------

  private headersAndFooters(): void {
    const { batch, mbr } = this.doc;
    const range = this.pdf.bufferedPageRange();
    const right = this.left + this.width;
    const generated = `Generated ${this.time.utc(this.doc.generatedAt)} / ${this.time.local(this.doc.generatedAt)} (${this.doc.siteTimeZone}) by ${this.doc.generatedBy.username}`;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const bottom = this.pdf.page.height - 44;
      this.line(`${batch.productCode} - Executed batch record`, this.left, 26, FONT.bold, 10, this.width * 0.6);
      this.line(`Lot ${batch.lotNumber}`, right, 26, FONT.bold, 10, this.width * 0.38, true);
      this.line(`COI ${batch.coi}`, this.left, 41, FONT.regular, 8.5, this.width * 0.6);
      this.line(`MBR ${mbr.code} v${mbr.version}`, right, 41, FONT.regular, 8.5, this.width * 0.38, true);
      this.rule(56);
      this.rule(bottom - 6);
      this.line(generated, this.left, bottom, FONT.regular, 7.5, this.width * 0.8);
      this.line(`Page ${i - range.start + 1} of ${range.count}`, right, bottom, FONT.bold, 8.5, this.width * 0.18, true);
      this.line(`Export format ${this.doc.exportFormat}`, this.left, bottom + 11, FONT.regular, 7.5, this.width * 0.8);
    }
  }

  /** One line, never wrapped (so it never starts a page), shortened to fit `max` points. */
  private line(text: string, x: number, y: number, font: string, size: number, max: number, alignRight = false): void {
    this.pdf.font(font).fontSize(size).fillColor(COLOR.text);
    let s = toWinAnsi(text);
    while (s.length > 1 && this.pdf.widthOfString(s) > max) s = `${s.slice(0, -2)}…`;
    this.pdf.text(s, alignRight ? x - this.pdf.widthOfString(s) : x, y, { lineBreak: false });
  }

  private rule(y: number): void {
    this.pdf
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .stroke(COLOR.rule)
      .restore();
  }

  // --- primitives ------------------------------------------------------------------------------------------

  private ensureSpace(height: number): void {
    if (this.pdf.y + height > this.pdf.page.height - MARGINS.bottom) this.pdf.addPage();
  }

  private write(text: string, o: { font?: string; size?: number; color?: string; gap?: number } = {}): void {
    this.pdf
      .font(o.font ?? FONT.regular)
      .fontSize(o.size ?? 9)
      .fillColor(o.color ?? COLOR.text);
    this.pdf.text(toWinAnsi(text), this.left, this.pdf.y, { width: this.width });
    this.pdf.fillColor(COLOR.text);
    if (o.gap) this.pdf.y += o.gap;
  }

  private columns(texts: string[], size: number): void {
    const y = this.pdf.y;
    const w = this.width / texts.length;
    let bottom = y;
    texts.forEach((t, i) => {
      this.pdf
        .font(FONT.regular)
        .fontSize(size)
        .fillColor(COLOR.text)
        .text(toWinAnsi(t), this.left + i * w, y, { width: w - 6 });
      bottom = Math.max(bottom, this.pdf.y);
    });
    this.pdf.x = this.left;
    this.pdf.y = bottom + 3;
  }

  private heading(text: string, keepWith = 140): void {
    this.pdf.moveDown(0.5);
    this.ensureSpace(24 + keepWith);
    this.write(text, { font: FONT.bold, size: 13, gap: 4 });
  }

  private subheading(text: string): void {
    this.ensureSpace(40);
    this.pdf.moveDown(0.3);
    this.write(text.toUpperCase(), { font: FONT.bold, size: 7.5, color: COLOR.muted, gap: 1 });
  }

  private list(title: string, count: number, body: () => void): void {
    if (count === 0) return;
    this.subheading(title);
    body();
  }

  private keyValues(rows: [string, string][]): void {
    const keyWidth = 110;
    for (const [key, value] of rows) {
      const v = toWinAnsi(value);
      this.pdf.font(FONT.regular).fontSize(9);
      const h = Math.max(12, this.pdf.heightOfString(v, { width: this.width - keyWidth }) + 2);
      // Short rows move whole to the next page; long texts (descriptions) start here and flow on.
      this.ensureSpace(Math.min(h, 60));
      const y = this.pdf.y;
      this.pdf
        .font(FONT.bold)
        .fillColor(COLOR.muted)
        .text(toWinAnsi(key), this.left, y, { width: keyWidth - 8, lineBreak: false });
      this.pdf
        .font(FONT.regular)
        .fillColor(COLOR.text)
        .text(v, this.left + keyWidth, y, { width: this.width - keyWidth });
      this.pdf.y += 2;
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.3);
  }

  private table(columns: Column[], rows: Cell[][], fills: (string | null)[] = []): void {
    const pad = 3;
    const size = 8;
    const widths = columns.map((c) => c.width * this.width);
    const cells = rows.map((row) =>
      row.map((c) => (typeof c === 'string' ? { text: c } : c)).map((c) => ({ ...c, text: toWinAnsi(clip(c.text, MAX_CELL_CHARS)) })),
    );
    const heightOf = (row: { text: string; bold?: boolean }[]) =>
      Math.max(
        ...row.map((c, i) =>
          this.pdf
            .font(c.bold ? FONT.bold : FONT.regular)
            .fontSize(size)
            .heightOfString(c.text || ' ', { width: widths[i] - 2 * pad }),
        ),
      ) +
      2 * pad;
    const header = columns.map((c) => ({ text: toWinAnsi(c.header), bold: true }));
    const headerHeight = heightOf(header);
    const drawRow = (row: { text: string; color?: string; bold?: boolean }[], h: number, fill: string | null) => {
      const y = this.pdf.y;
      if (fill) this.pdf.save().rect(this.left, y, this.width, h).fill(fill).restore();
      let x = this.left;
      row.forEach((c, i) => {
        this.pdf
          .font(c.bold ? FONT.bold : FONT.regular)
          .fontSize(size)
          .fillColor(c.color ?? COLOR.text);
        this.pdf.text(c.text, x + pad, y + pad, { width: widths[i] - 2 * pad });
        x += widths[i];
      });
      this.pdf
        .save()
        .moveTo(this.left, y + h)
        .lineTo(this.left + this.width, y + h)
        .lineWidth(0.3)
        .stroke(COLOR.rule)
        .restore();
      this.pdf.fillColor(COLOR.text);
      this.pdf.x = this.left;
      this.pdf.y = y + h;
    };
    cells.forEach((row, r) => {
      const h = heightOf(row);
      // A row never splits; the column headings are repeated at the top of the next page.
      if (r === 0) this.ensureSpace(headerHeight + h);
      else if (this.pdf.y + h > this.pdf.page.height - MARGINS.bottom) this.pdf.addPage();
      if (r === 0 || this.pdf.y === MARGINS.top) drawRow(header, headerHeight, COLOR.band);
      drawRow(row, h, fills[r] ?? null);
    });
    this.pdf.y += 4;
  }
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(not recorded)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function flagCell(flag: ExportStep['values'][number]['flag']): Cell {
  if (flag === 'action') return { text: 'ACTION LIMIT', color: COLOR.red, bold: true };
  if (flag === 'alert') return { text: 'ALERT LIMIT', color: COLOR.amber, bold: true };
  return { text: 'ok', color: COLOR.muted };
}
