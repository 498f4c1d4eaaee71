import { CD19_CAR_T_SKELETON_V1 } from './cd19-car-t-skeleton-v1.mbr';
import { mbrDefinitionSchema } from './step-definition';

describe('CD19-CAR-T-SKELETON v1', () => {
  it('should satisfy the MBR definition schema', () => {
    expect(() => mbrDefinitionSchema.parse(CD19_CAR_T_SKELETON_V1)).not.toThrow();
  });

  it('should have four COI-scanned steps numbered 1..4 in order', () => {
    const steps = CD19_CAR_T_SKELETON_V1.steps;
    expect(steps.map((s) => s.code)).toEqual(['COI-CHECK', 'ACTIVATION', 'EXPANSION', 'HARVEST']);
    expect(steps.map((s) => s.sequence)).toEqual([1, 2, 3, 4]);
    expect(steps.every((s) => s.requiresCoiScan)).toBe(true);
  });

  it('should thaw only materials the step scans when it declares a thaw action', () => {
    for (const step of CD19_CAR_T_SKELETON_V1.steps) {
      for (const action of step.actions) {
        if (action.kind === 'thaw-material') expect(step.materials.map((m) => m.materialCode)).toContain(action.materialCode);
      }
    }
  });
});
