import { EquipmentFacts, checkEquipmentScanShape, equipmentProblems } from './equipment-scans';

const now = new Date('2026-06-01T10:00:00Z');
const counter: EquipmentFacts = {
  equipmentId: 'e0000000-0000-4000-8000-000000000003',
  assetTag: 'EQ-CELL-COUNTER-01',
  type: 'CELL-COUNTER',
  status: 'in-service',
  calibrationDueAt: new Date('2026-09-01T00:00:00Z'),
};
const lines = [{ type: 'CELL-COUNTER', description: 'cell counter', requiresScan: true }];
const facts = (f: EquipmentFacts) => new Map([[f.assetTag, f]]);

describe(equipmentProblems.name, () => {
  it('should accept calibrated equipment of the required type', () => {
    expect(equipmentProblems(lines, [{ assetTag: counter.assetTag }], facts(counter), now)).toEqual([]);
  });

  it('should refuse equipment whose calibration is due within the hour already passed', () => {
    const overdue = { ...counter, calibrationDueAt: new Date('2026-06-01T09:00:00Z') };
    expect(equipmentProblems(lines, [{ assetTag: counter.assetTag }], facts(overdue), now)).toEqual([
      { field: 'equipment.0.assetTag', reason: 'EQ-CELL-COUNTER-01 calibration was due 2026-06-01T09:00:00.000Z' },
    ]);
  });

  it('should refuse equipment out of service', () => {
    expect(equipmentProblems(lines, [{ assetTag: counter.assetTag }], facts({ ...counter, status: 'out-of-service' }), now)[0].reason).toBe(
      'EQ-CELL-COUNTER-01 is out-of-service',
    );
  });

  it('should refuse a missing required scan and equipment of another type', () => {
    const bsc = { ...counter, assetTag: 'EQ-BSC-01', type: 'BSC' };
    expect(equipmentProblems(lines, [{ assetTag: 'EQ-BSC-01' }], facts(bsc), now)).toEqual([
      { field: 'equipment.0.assetTag', reason: 'EQ-BSC-01 is a BSC, which this step does not use' },
      { field: 'equipment', reason: 'a CELL-COUNTER (cell counter) must be scanned' },
    ]);
  });

  it('should refuse an unknown asset tag', () => {
    expect(equipmentProblems(lines, [{ assetTag: 'EQ-NOPE' }], new Map(), now)[0].reason).toBe('EQ-NOPE is unknown to the batch record');
  });
});

describe(checkEquipmentScanShape.name, () => {
  it('should refuse the same tag twice', () => {
    expect(checkEquipmentScanShape([{ assetTag: 'A' }, { assetTag: 'A' }])).toEqual([
      { field: 'equipment.1.assetTag', reason: 'A is scanned more than once' },
    ]);
  });
});
