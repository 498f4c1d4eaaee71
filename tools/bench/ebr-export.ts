/**
 * Benchmark (not a test): rendering an executed batch record as PDF, next to JSON.stringify of the same document.
 * No services needed: the document is the synthetic fixture (30 steps, 3-6 values each, materials, equipment,
 * 2 signatures per step, a few corrections, 3 deviations).
 *
 *   npm run build && npm run bench:export -- --steps 30 --runs 20 --warmup 3
 */
import { cpus } from 'node:os';
import { renderBatchRecordPdf } from '../../apps/batch-record/src/modules/export/batch-record-pdf';
import { buildBatchRecordExport } from '../../apps/batch-record/src/modules/export/export-fixture';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const STEPS = Number(arg('steps', '30'));
const RUNS = Number(arg('runs', '20'));
const WARMUP = Number(arg('warmup', '3'));

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number) => Number(x.toFixed(2));
  return { n: s.length, min: f(s[0]), median: f(percentile(s, 50)), p95: f(percentile(s, 95)), max: f(s[s.length - 1]) };
};

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

async function main(): Promise<void> {
  const doc = buildBatchRecordExport({ steps: STEPS, deviations: 3 });
  const pdfMs: number[] = [];
  const jsonMs: number[] = [];
  let pdfBytes = 0;
  let jsonBytes = 0;
  let pages = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [ms, pdf] = await time(() => renderBatchRecordPdf(doc));
    const [jms, json] = await time(() => JSON.stringify(doc));
    if (i < WARMUP) continue;
    pdfMs.push(ms);
    jsonMs.push(jms);
    pdfBytes = pdf.length;
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
    jsonBytes = Buffer.byteLength(json);
  }
  const values = doc.steps.reduce((n, s) => n + s.values.length, 0);
  console.log(`machine: ${cpus().length} cores, node ${process.version}`);
  console.log(
    `document: ${doc.steps.length} steps, ${values} values, ${doc.deviations.length} deviations, ${doc.summary.corrections} corrections`,
  );
  console.log(
    `pdf  (ms, ${RUNS} runs after ${WARMUP} warm-ups):`,
    stats(pdfMs),
    `size ${(pdfBytes / 1024).toFixed(1)} KiB, ${pages} pages`,
  );
  console.log(`json (ms, same runs):`, stats(jsonMs), `size ${(jsonBytes / 1024).toFixed(1)} KiB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
