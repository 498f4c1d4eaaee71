import { StepDefinition } from '../../master-batch-records/mbr-schema';
import { LotFacts } from '../../materials/material-usability';
import { bindActions, checkMaterialScans, toScanRecords, unusableLots } from './material-scans';

const IL2 = 'IL2-CYTOKINE';
const lotId = '0b8f8a52-3c1a-4a4e-9b1d-6d2a3f4e5c6b';
const line = { materialCode: IL2, description: 'IL-2', quantity: 1, unit: 'vial', requiresLotScan: true, thaw: { useByHours: 4 } };
const now = new Date('2026-03-10T12:00:00.000Z');

describe(checkMaterialScans.name, () => {
  it('should accept exactly the required lot scan', () => {
    expect(checkMaterialScans([line], [{ materialCode: IL2, lotId }])).toEqual([]);
  });

  it('should report field materials when a required lot scan is missing', () => {
    expect(checkMaterialScans([line], [])).toEqual([{ field: 'materials', reason: 'a lot of IL2-CYTOKINE must be scanned' }]);
  });

  it('should report a material the step does not use and a double scan', () => {
    const problems = checkMaterialScans(
      [line],
      [
        { materialCode: IL2, lotId },
        { materialCode: IL2, lotId },
        { materialCode: 'CD3-BEADS', lotId },
      ],
    );
    expect(problems.map((p) => p.field)).toEqual(['materials.1.materialCode', 'materials.2.materialCode']);
  });
});

describe(unusableLots.name, () => {
  const released: LotFacts = {
    lotId,
    materialCode: IL2,
    status: 'released',
    expiresAt: new Date('2027-01-01T00:00:00Z'),
    thawedUseBy: null,
    expired: false,
    quantityAvailable: 5,
    unit: 'vial',
  };

  it('should accept a released lot with enough quantity', () => {
    expect(unusableLots(toScanRecords([line], [{ materialCode: IL2, lotId }]), new Map([[lotId, released]]), now)).toEqual([]);
  });

  it('should refuse an expired lot, naming the scan', () => {
    const expired = { ...released, expiresAt: new Date('2026-03-10T11:00:00Z') };
    expect(unusableLots(toScanRecords([line], [{ materialCode: IL2, lotId }]), new Map([[lotId, expired]]), now)).toEqual([
      { field: 'materials.0.lotId', reason: 'lot expired at 2026-03-10T11:00:00.000Z', lotId, materialCode: IL2 },
    ]);
  });

  it('should refuse a scan asking for more than the lot holds', () => {
    const problems = unusableLots(toScanRecords([line], [{ materialCode: IL2, lotId, quantity: 6 }]), new Map([[lotId, released]]), now);
    expect(problems[0].reason).toMatch(/5 vial left/);
  });
});

describe(bindActions.name, () => {
  it('should thaw, then consume the scanned lot, then draw samples for a test plan', () => {
    const step = {
      materials: [line],
      samples: [{ sampleType: 'release', testPlan: 'CAR-T-RELEASE' }, { sampleType: 'retain' }],
    } as unknown as StepDefinition;
    expect(bindActions(step, toScanRecords([line], [{ materialCode: IL2, lotId }]))).toEqual([
      { kind: 'thaw-material', lotId, materialCode: IL2, useByHours: 4 },
      { kind: 'consume-material', lotId, materialCode: IL2, quantity: 1, unit: 'vial' },
      { kind: 'draw-release-samples', testPlan: 'CAR-T-RELEASE' },
    ]);
  });
});
