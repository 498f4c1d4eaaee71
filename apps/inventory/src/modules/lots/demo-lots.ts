import { ReceiveLotDto } from './dto/receive-lot.dto';

export type DemoLot = Omit<ReceiveLotDto, 'expiresAt'> & { id: string; shelfLifeDays: number };

const id = (n: number) => `a0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

const released = (
  lotId: string,
  materialCode: string,
  supplierLot: string,
  quantity: number,
  unit: string,
  shelfLifeDays: number,
): DemoLot => ({
  id: lotId,
  materialCode,
  supplierLot,
  quantity,
  unit,
  status: 'released',
  shelfLifeDays,
});

/**
 * The demo install's reagent lots, with fixed ids so re-seeding changes nothing and tests can name them. Every
 * material the demo master batch records consume has a released lot with room for many batches; IL-2 has three,
 * because a thawed lot is used up 4 h after thaw.
 */
export const DEMO_LOTS: DemoLot[] = [
  released('11111111-1111-4111-8111-111111111111', 'IL2-CYTOKINE', 'IL2-25-0815', 60, 'vial', 180),
  released(id(1), 'IL2-CYTOKINE', 'IL2-25-0902', 60, 'vial', 180),
  released(id(2), 'IL2-CYTOKINE', 'IL2-25-0917', 60, 'vial', 200),
  released('33333333-3333-4333-8333-333333333333', 'CD3-CD28-ACTIVATOR', 'TA-25-1102', 40, 'vial', 365),
  released('44444444-4444-4444-8444-444444444444', 'TEXMACS-MEDIUM', 'TM-25-0930', 120, 'bag', 120),
  released('55555555-5555-4555-8555-555555555555', 'LENTIVIRAL-VECTOR-CD19', 'LV19-25-007', 30, 'vial', 730),
  released(id(3), 'LENTIVIRAL-VECTOR-CD19', 'LV19-25-011', 30, 'vial', 700),
  released(id(4), 'LENTIVIRAL-VECTOR-BCMA', 'LVB-25-003', 30, 'vial', 730),
  released(id(5), 'LENTIVIRAL-VECTOR-BCMA', 'LVB-25-005', 30, 'vial', 700),
  released(id(6), 'CD4-CD8-MICROBEADS', 'MB48-25-1204', 40, 'vial', 365),
  released(id(7), 'CLINIMACS-BUFFER', 'CMB-25-0611', 100, 'bag', 540),
  released(id(8), 'HSA-20', 'HSA20-25-4471', 100, 'vial', 1095),
  released(id(9), 'PLASMA-LYTE-A', 'PLA-25-0388', 100, 'bag', 730),
  released(id(10), 'CRYOSTOR-CS10', 'CS10-25-0216', 60, 'bag', 540),
  released(id(11), 'INFUSION-BAG', 'IB-25-1187', 200, 'each', 1095),
  released(id(12), 'CRYOBAG', 'CB-25-0742', 200, 'each', 1095),
  // Still in quarantine: a step that scans it must be refused (negative tests).
  {
    id: '22222222-2222-4222-8222-222222222222',
    materialCode: 'IL2-CYTOKINE',
    supplierLot: 'IL2-25-0901',
    quantity: 20,
    unit: 'vial',
    status: 'quarantine',
    shelfLifeDays: 200,
  },
];
