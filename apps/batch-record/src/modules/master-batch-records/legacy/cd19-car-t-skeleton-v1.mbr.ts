import { MbrDefinition } from './step-definition';

/** Approved content of CD19-CAR-T-SKELETON v1. Never edit: an effective MBR version is immutable; write v2 instead. */
export const CD19_CAR_T_SKELETON_V1: MbrDefinition = {
  code: 'CD19-CAR-T-SKELETON',
  version: 1,
  productCode: 'CD19-CAR-T',
  name: 'CD19 CAR-T walking skeleton',
  steps: [
    {
      code: 'COI-CHECK',
      name: 'Verify chain of identity and starting cell count',
      sequence: 1,
      requiresCoiScan: true,
      fields: [
        { name: 'viableCellCount', label: 'Viable cell count', type: 'number', unit: '1e9 cells', required: true, min: 0.5 },
        { name: 'viability', label: 'Viability', type: 'number', unit: '%', required: true, min: 70, max: 100 },
      ],
      materials: [],
      actions: [],
    },
    {
      code: 'ACTIVATION',
      name: 'Thaw IL-2 and activate T cells',
      sequence: 2,
      requiresCoiScan: true,
      fields: [],
      materials: [{ materialCode: 'IL2-CYTOKINE', requiresLotScan: true }],
      actions: [{ kind: 'thaw-material', materialCode: 'IL2-CYTOKINE', useByHours: 4 }],
    },
    {
      code: 'EXPANSION',
      name: 'Expansion day 7 in-process count',
      sequence: 3,
      requiresCoiScan: true,
      fields: [{ name: 'totalViableCells', label: 'Total viable cells', type: 'number', unit: '1e9 cells', required: true, min: 0 }],
      materials: [],
      actions: [],
    },
    {
      code: 'HARVEST',
      name: 'Harvest, formulate and draw release samples',
      sequence: 4,
      requiresCoiScan: true,
      fields: [{ name: 'harvestVolumeMl', label: 'Harvest volume', type: 'number', unit: 'mL', required: true, min: 10, max: 500 }],
      materials: [],
      actions: [{ kind: 'draw-release-samples', testPlan: 'CAR-T-RELEASE' }],
    },
  ],
};
