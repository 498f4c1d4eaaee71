import { ReceiveLotDto } from './dto/receive-lot.dto';

/** The demo install's reagent lots, with fixed ids so re-seeding changes nothing and tests can name them. */
export const DEMO_LOTS: (Omit<ReceiveLotDto, 'expiresAt'> & { id: string; shelfLifeDays: number })[] = [
  { id: '11111111-1111-4111-8111-111111111111', materialCode: 'IL2-CYTOKINE', supplierLot: 'IL2-25-0815', quantity: 20, unit: 'vial', status: 'released', shelfLifeDays: 180 },
  { id: '33333333-3333-4333-8333-333333333333', materialCode: 'CD3-CD28-ACTIVATOR', supplierLot: 'TA-25-1102', quantity: 12, unit: 'vial', status: 'released', shelfLifeDays: 365 },
  { id: '44444444-4444-4444-8444-444444444444', materialCode: 'TEXMACS-MEDIUM', supplierLot: 'TM-25-0930', quantity: 40, unit: 'bag', status: 'released', shelfLifeDays: 120 },
  { id: '55555555-5555-4555-8555-555555555555', materialCode: 'LENTIVIRAL-VECTOR-CD19', supplierLot: 'LV19-25-007', quantity: 10, unit: 'vial', status: 'released', shelfLifeDays: 730 },
  // Still in quarantine: a step that scans it must be refused (negative tests).
  { id: '22222222-2222-4222-8222-222222222222', materialCode: 'IL2-CYTOKINE', supplierLot: 'IL2-25-0901', quantity: 20, unit: 'vial', status: 'quarantine', shelfLifeDays: 200 },
];
