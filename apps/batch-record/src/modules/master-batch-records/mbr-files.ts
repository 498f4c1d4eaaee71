import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FieldProblem, contentHash } from '@mes/platform';
import { MbrFile, mbrFileSchema } from './mbr-schema';

/** The shipped MBR files; the build copies this folder next to the compiled code, so the path is the same in src and dist. */
export const MBR_FILES_DIR = join(__dirname, '..', '..', '..', 'master-batch-records');

/** The files `migrate --seed` imports, in order: the walking skeleton, then the two example production MBRs. */
export const SEED_MBR_FILES = ['cd19-car-t-skeleton.v1.mbr.json', 'cd19-car-t-fresh.v1.mbr.json', 'bcma-car-t-cryo.v1.mbr.json'] as const;

export function readMbrFile(name: string): unknown {
  return JSON.parse(readFileSync(join(MBR_FILES_DIR, name), 'utf8'));
}

export function listMbrFiles(): string[] {
  return readdirSync(MBR_FILES_DIR).filter((f) => f.endsWith('.mbr.json'));
}

export type ParsedMbr = { ok: true; mbr: MbrFile } | { ok: false; problems: FieldProblem[] };

/** Validates a file's content against the schema; problems name the JSON path, e.g. `procedure.unitProcedures.0.operations.1.steps.2.fields.0.alert`. */
export function parseMbrFile(raw: unknown): ParsedMbr {
  const parsed = mbrFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, mbr: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(file)', reason: i.message })) };
}

/** SHA-256 of the canonical JSON of the parsed document: what QA approves and every batch of this version points at. */
export function mbrContentHash(mbr: MbrFile): string {
  const { $schema: _ignored, ...content } = mbr;
  return contentHash(content);
}
