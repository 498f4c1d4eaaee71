import { LotFacts } from '../../materials/material-usability';
import { bindActions, checkMaterialScans, unusableLots } from './material-scans';

const IL2 = 'IL2-CYTOKINE';
const lotId = '0b8f8a52-3c1a-4a4e-9b1d-6d2a3f4e5c6b';
const lines = [{ materialCode: IL2, requiresLotScan: true }];
const now = new Date('2026-03-10T12:00:00.000Z');

describe(checkMaterialScans.name, () => {
  it('should accept exactly the required lot scan', () => {
    expect(checkMaterialScans(lines, [{ materialCode: IL2, lotId }])).toEqual([]);
  });

  it('should report field materials when a required lot scan is missing', () => {
    expect(checkMaterialScans(lines, [])).toEqual([{ field: 'materials', reason: 'a lot of IL2-CYTOKINE must be scanned' }]);
  });

  it('should report a material the step does not use and a double scan', () => {
    const problems = checkMaterialScans(lines, [
      { materialCode: IL2, lotId },
      { materialCode: IL2, lotId },
      { materialCode: 'CD3-BEADS', lotId },
    ]);
    expect(problems.map((p) => p.field)).toEqual(['materials.1.materialCode', 'materials.2.materialCode']);
  });
});

describe(unusableLots.name, () => {
  const released: LotFacts = { lotId, materialCode: IL2, status: 'released', expiresAt: new Date('2027-01-01T00:00:00Z'), thawedUseBy: null, expired: false };

  it('should report nothing when every lot is usable', () => {
    expect(unusableLots([{ materialCode: IL2, lotId }], new Map([[lotId, released]]), now)).toEqual([]);
  });

  it('should name the scan index and reason when a lot is quarantined or unknown', () => {
    const other = '9c7d6e5f-4a3b-4c2d-8e1f-0a9b8c7d6e5f';
    const problems = unusableLots(
      [
        { materialCode: IL2, lotId },
        { materialCode: IL2, lotId: other },
      ],
      new Map([[lotId, { ...released, status: 'quarantine' as const }]]),
      now,
    );
    expect(problems).toEqual([
      { field: 'materials.0.lotId', reason: 'lot is quarantine, not released' },
      { field: 'materials.1.lotId', reason: 'lot is unknown to the batch record' },
    ]);
  });
});

describe(bindActions.name, () => {
  it('should put the scanned lot id on a thaw action and pass sample draws through', () => {
    const actions = bindActions(
      [
        { kind: 'thaw-material', materialCode: IL2, useByHours: 4 },
        { kind: 'draw-release-samples', testPlan: 'CAR-T-RELEASE' },
      ],
      [{ materialCode: IL2, lotId }],
    );
    expect(actions).toEqual([
      { kind: 'thaw-material', lotId, materialCode: IL2, useByHours: 4 },
      { kind: 'draw-release-samples', testPlan: 'CAR-T-RELEASE' },
    ]);
  });

  it('should fail loudly when a thaw action has no scanned lot', () => {
    expect(() => bindActions([{ kind: 'thaw-material', materialCode: IL2, useByHours: 4 }], [])).toThrow(/declares no lot scan/);
  });
});
