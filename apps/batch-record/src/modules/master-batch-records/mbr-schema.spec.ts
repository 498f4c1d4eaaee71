import { mbrFileSchema } from './mbr-schema';
import { readMbrFile } from './mbr-files';

type Doc = { procedure: { unitProcedures: { operations: { steps: Record<string, unknown>[] }[] }[] } };
const stepsOf = (doc: Doc) => doc.procedure.unitProcedures.flatMap((u) => u.operations.flatMap((o) => o.steps));
const skeleton = () => JSON.parse(JSON.stringify(readMbrFile('cd19-car-t-skeleton.v1.mbr.json'))) as Doc;
const window = (code: string, after: string) => ({ code, kind: 'window', description: 'test window', after, minHours: 1, maxHours: 4 });

describe('mbrFileSchema timing rules', () => {
  it('should accept a window after a prerequisite step', () => {
    const doc = skeleton();
    stepsOf(doc)[2].timing = [window('W1', 'ACTIVATION')];
    expect(mbrFileSchema.safeParse(doc).success).toBe(true);
  });

  it('should refuse the same timing code on two steps', () => {
    const doc = skeleton();
    stepsOf(doc)[2].timing = [window('W1', 'ACTIVATION')];
    stepsOf(doc)[3].timing = [window('W1', 'EXPANSION')];
    const result = mbrFileSchema.safeParse(doc);
    expect(result.error?.issues.map((i) => i.message)).toContain('timing code W1 is used twice');
  });

  it('should refuse a window measured from a step that is not a prerequisite', () => {
    const doc = skeleton();
    // EXPANSION declares only COI-CHECK before it, so ACTIVATION could come after it.
    stepsOf(doc)[2].prerequisites = ['COI-CHECK'];
    stepsOf(doc)[2].timing = [window('W1', 'ACTIVATION')];
    const result = mbrFileSchema.safeParse(doc);
    expect(result.error?.issues.map((i) => i.message)).toContain('timing W1: ACTIVATION must be a (transitive) prerequisite of EXPANSION');
  });
});
