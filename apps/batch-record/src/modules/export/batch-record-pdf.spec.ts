import { renderBatchRecordPdf, toWinAnsi } from './batch-record-pdf';
import { buildBatchRecordExport } from './export-fixture';

interface Line {
  x: number;
  y: number;
  text: string;
}

const A4 = { width: 595.28, height: 841.89 };

// pdfkit writes each line as "BT 1 0 0 1 x y Tm … [<hex> kern <hex>] TJ ET"; with compress: false it is readable.
function pages(pdf: Buffer): Line[][] {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map(([, content]) =>
    [...content.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm[\s\S]*?\[([^\]]*)\] TJ/g)].map(([, x, y, array]) => ({
      x: Number(x),
      y: Number(y),
      text: [...array.matchAll(/<([0-9a-f]*)>/g)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join(''),
    })),
  );
}
const allText = (pdf: Buffer) =>
  pages(pdf)
    .flat()
    .map((l) => l.text)
    .join('\n');
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
const render = (steps: number, deviations = 3) => renderBatchRecordPdf(buildBatchRecordExport({ steps, deviations }), { compress: false });

describe(renderBatchRecordPdf.name, () => {
  it('should produce a complete PDF file when rendering with default (compressed) options', async () => {
    const pdf = await renderBatchRecordPdf(buildBatchRecordExport({ steps: 3 }));

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('should add pages when the batch has more steps', async () => {
    const [small, large] = await Promise.all([render(2, 0), render(20, 0)]);

    expect(pageCount(small)).toBeGreaterThanOrEqual(1);
    expect(pageCount(large)).toBeGreaterThan(pageCount(small) + 3);
    expect(pages(large)).toHaveLength(pageCount(large));
  });

  it('should show lot, COI, steps and deviations when the record is rendered', async () => {
    const doc = buildBatchRecordExport({ steps: 6 });

    const text = allText(await renderBatchRecordPdf(doc, { compress: false }));

    expect(text).toContain(doc.batch.lotNumber);
    expect(text).toContain(doc.batch.coi);
    expect(text).toContain(doc.steps[5].name);
    expect(text).toContain(doc.deviations[2].number);
    expect(text).toContain(doc.mbr.contentHash);
    expect(text).toContain('OPEN DEVIATIONS: 1 of 3');
  });

  it('should put the header and "Page X of Y" on every page when there are several pages', async () => {
    const result = pages(await render(8));

    expect(result.length).toBeGreaterThan(2);
    result.forEach((lines, i) => {
      const texts = lines.map((l) => l.text);
      expect(texts).toContain('Lot CART-2026-0417');
      expect(texts).toContain('COI COI-CD19-2026-000417');
      expect(texts).toContain('MBR CD19-CAR-T v3');
      expect(texts).toContain(`Page ${i + 1} of ${result.length}`);
      expect(texts).toContain('Export format mes.batch-record-export.v1');
    });
  });

  it('should warn with SIGNATURE INVALID only when a signature no longer covers its content', async () => {
    const clean = buildBatchRecordExport({ steps: 4, deviations: 0 });
    const tampered = buildBatchRecordExport({ steps: 4, deviations: 0 });
    tampered.steps[2].signatures[1].valid = false;

    const [cleanText, tamperedText] = await Promise.all(
      [clean, tampered].map(async (d) => allText(await renderBatchRecordPdf(d, { compress: false }))),
    );

    expect(cleanText).not.toContain('SIGNATURE INVALID');
    expect(cleanText).toContain('No open deviations, all signatures valid, audit trail chain verified.');
    expect(tamperedText).toContain('SIGNATURE INVALID: content changed after signing');
    expect(tamperedText).toContain('1 signature(s): step 3 S03 (verified by');
  });

  it('should flag an invalid audit chain on the first page when verification failed', async () => {
    const doc = buildBatchRecordExport({ steps: 2, deviations: 0 });
    doc.audit = { ...doc.audit, chainValid: false, chainMessage: 'Entry 17 hash mismatch' };

    const [first] = pages(await renderBatchRecordPdf(doc, { compress: false }));

    expect(first.map((l) => l.text)).toContain('AUDIT TRAIL CHAIN INVALID: Entry 17 hash mismatch');
  });

  it('should show signature times in UTC and in the site time zone when the zone is known', async () => {
    const doc = buildBatchRecordExport({ steps: 1, deviations: 0 });
    doc.steps[0].signatures[0].signedAt = '2026-07-01T10:00:00.000Z';

    const text = allText(await renderBatchRecordPdf(doc, { compress: false }));

    expect(text).toContain('2026-07-01 10:00:00 UTC');
    expect(text).toContain('2026-07-01 12:00:00 GMT+2');
  });

  it('should still render, in UTC, when the site time zone is unknown', async () => {
    const doc = buildBatchRecordExport({ steps: 1, deviations: 0, siteTimeZone: 'Mars/Olympus_Mons' });

    const text = allText(await renderBatchRecordPdf(doc, { compress: false }));

    expect(text).toContain('(site time zone Mars/Olympus_Mons not recognised)');
    expect(text).toContain(`Started: ${doc.steps[0].startedAt?.slice(0, 10)}`);
  });

  it('should print limits with >= and <= when the MBR uses ≥ and ≤', async () => {
    const text = allText(await render(3, 0));

    expect(text).toContain('alert >= 80; action >= 70');
    expect(text).toContain('2 <= T <= 8');
  });

  it('should keep every step heading on the page of its first table when steps fall near a page end', async () => {
    for (const lines of pages(await render(30))) {
      const body = lines.slice(
        0,
        lines.findIndex((l) => l.text === 'CD19-CAR-T - Executed batch record'),
      );
      const headings = body.flatMap((l, i) => (/^Step \d+\. /.test(l.text) ? [i] : []));
      const lastHeading = headings.at(-1) ?? -1;
      if (lastHeading >= 0) expect(body.slice(lastHeading).map((l) => l.text)).toContain('RECORDED VALUES');
    }
  });

  it('should wrap long texts inside the page when a deviation description is very long', async () => {
    const doc = buildBatchRecordExport({ steps: 2, deviations: 2 });
    const token = 'X'.repeat(300);
    doc.deviations[1].description = `${'The incubator door was found ajar. '.repeat(250)}${token}`;

    const result = pages(await renderBatchRecordPdf(doc, { compress: false }));
    const lines = result.flat();

    expect(result.length).toBeGreaterThan(3);
    expect(lines.some((l) => l.text.includes(token))).toBe(false);
    expect(lines.filter((l) => /^X+$/.test(l.text)).length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(47);
      expect(l.x).toBeLessThan(A4.width - 48);
      expect(l.y).toBeGreaterThan(20);
      expect(l.y).toBeLessThan(A4.height - 20);
    }
  });
});

describe(toWinAnsi.name, () => {
  it('should replace symbols the standard fonts cannot show when given MBR limits and units', () => {
    expect(toWinAnsi('alert ≥ 80; action ≤ 70; ≠ 0')).toBe('alert >= 80; action <= 70; != 0');
    expect(toWinAnsi('checked ✓, rejected ✗, A → B')).toBe('checked OK, rejected X, A -> B');
    expect(toWinAnsi('250 μL')).toBe('250 µL');
    expect(toWinAnsi('CO₂ 5 %, −80 °C')).toBe('CO2 5 %, -80 °C');
  });

  it('should keep the exponent readable when the text has superscripts', () => {
    expect(toWinAnsi('2.7 ×10⁹ cells')).toBe('2.7 ×10^9 cells');
    expect(toWinAnsi('1×10⁻⁶ M')).toBe('1×10^-6 M');
    expect(toWinAnsi('area 4 m²')).toBe('area 4 m²');
  });

  it('should keep Latin-1 and WinAnsi punctuation when they are printable', () => {
    expect(toWinAnsi('Müller – 5 µg ± 0.5 – “ok” …')).toBe('Müller – 5 µg ± 0.5 – “ok” …');
  });

  it('should drop controls and mark unknown characters when the input is not printable', () => {
    expect(toWinAnsi('a\tb\u0007c\r\nd\u202fe\u200bf')).toBe('a bc\nd ef');
    expect(toWinAnsi('Łódź 😀')).toBe('?ódz ?');
  });
});
