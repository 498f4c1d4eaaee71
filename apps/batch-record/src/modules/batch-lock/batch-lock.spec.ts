import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BatchLock } from './batch-lock';

const SRC = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('spec.ts') ? [file] : [];
  });
}

describe(BatchLock.name, () => {
  it('should be the only code in batch-record that takes the batch row lock', () => {
    // Arrange: a row lock on the batch table, written with TypeORM or SQL
    const locksBatch = (text: string) =>
      /getRepository\(BatchEntity\)[\s\S]{0,120}pessimistic_write/.test(text) || /FROM batch\b[^;`]*FOR (NO KEY )?UPDATE/i.test(text);

    // Act
    const lockers = sources(SRC)
      .filter((file) => locksBatch(readFileSync(file, 'utf8')))
      .map((file) => path.relative(SRC, file));

    // Assert
    expect(lockers).toEqual([path.join('modules', 'batch-lock', 'batch-lock.ts')]);
  });
});
