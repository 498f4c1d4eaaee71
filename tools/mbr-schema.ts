/**
 * Writes the JSON Schema of the master batch record file format (mbrFileSchema, the contract) to
 * apps/batch-record/master-batch-records/mbr.schema.json, so an editor can complete and check an MBR file
 * while it is written (each file says `"$schema": "./mbr.schema.json"`).
 *
 *   npm run mbr:schema            # regenerate after mbr-schema.ts changed
 *   npm run mbr:schema -- --check # exit 1 if the committed file is out of date
 *
 * The JSON Schema describes structure, types, enums, patterns and defaults ("io: input": what a file may omit).
 * The cross-checks written as refine/superRefine in zod (alert inside action, prerequisites name earlier steps,
 * unique codes, …) cannot be expressed in it: only the import (mbrFileSchema) checks those.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { mbrFileSchema } from '../apps/batch-record/src/modules/master-batch-records/mbr-schema';

/** The repository root, from the source (tools/) or from the build output (dist/tools/). */
const REPO_ROOT = basename(dirname(__dirname)) === 'dist' ? join(__dirname, '..', '..') : join(__dirname, '..');
export const MBR_SCHEMA_PATH = join(REPO_ROOT, 'apps', 'batch-record', 'master-batch-records', 'mbr.schema.json');

/** The file's exact content: the generated schema with a `$comment`, pretty-printed, with a trailing newline. */
export function renderMbrJsonSchema(): string {
  const schema = {
    $comment:
      'Generated from mbrFileSchema (apps/batch-record/src/modules/master-batch-records/mbr-schema.ts) by `npm run mbr:schema`; do not edit. ' +
      'Cross-checks (alert within action, prerequisites and timing refer to earlier steps, unique codes) are enforced on import only. See docs/mbr-format.md.',
    ...z.toJSONSchema(mbrFileSchema, { io: 'input' }),
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function main(): void {
  const content = renderMbrJsonSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(MBR_SCHEMA_PATH, 'utf8');
    } catch {
      current = '';
    }
    if (current !== content) {
      console.error(`${MBR_SCHEMA_PATH} is out of date: run npm run mbr:schema`);
      process.exit(1);
    }
    console.log(`${MBR_SCHEMA_PATH} is up to date`);
    return;
  }
  writeFileSync(MBR_SCHEMA_PATH, content);
  console.log(`wrote ${MBR_SCHEMA_PATH}`);
}

if (require.main === module) main();
