import { EquipmentStatus } from './equipment.entity';

export interface DemoEquipment {
  id: string;
  assetTag: string;
  type: string;
  name: string;
  status: EquipmentStatus;
  statusReason?: string;
  /** Calibration due this many days after seeding (negative: already overdue); calibrated a year before that. */
  calibrationDueInDays: number;
}

const id = (n: number) => `e0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

/** The demo install's equipment, with fixed ids and asset tags so re-seeding changes nothing and tests can name them. */
export const DEMO_EQUIPMENT: DemoEquipment[] = [
  {
    id: id(1),
    assetTag: 'EQ-BSC-01',
    type: 'BSC',
    name: 'Biosafety cabinet class II, cleanroom B1',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(2),
    assetTag: 'EQ-CELL-PROCESSOR-01',
    type: 'CELL-PROCESSOR',
    name: 'Automated closed-system cell processor',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(3),
    assetTag: 'EQ-CELL-COUNTER-01',
    type: 'CELL-COUNTER',
    name: 'Automated cell counter (viability, AO/DAPI)',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(4),
    assetTag: 'EQ-INCUBATOR-01',
    type: 'INCUBATOR',
    name: 'CO2 incubator 37 °C / 5 % CO2',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(5),
    assetTag: 'EQ-CENTRIFUGE-01',
    type: 'CENTRIFUGE',
    name: 'Refrigerated bag centrifuge',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(6),
    assetTag: 'EQ-BALANCE-01',
    type: 'BALANCE',
    name: 'Precision balance 0.01 g',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(7),
    assetTag: 'EQ-TUBE-SEALER-01',
    type: 'TUBE-SEALER',
    name: 'RF tube sealer',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(8),
    assetTag: 'EQ-THAWING-DEVICE-01',
    type: 'THAWING-DEVICE',
    name: 'Dry thawing device for cryobags and vials',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(9),
    assetTag: 'EQ-CONTROLLED-RATE-FREEZER-01',
    type: 'CONTROLLED-RATE-FREEZER',
    name: 'Controlled-rate freezer',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(10),
    assetTag: 'EQ-LN2-FREEZER-01',
    type: 'LN2-FREEZER',
    name: 'LN2 vapour-phase storage freezer (≤ −150 °C)',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  {
    id: id(11),
    assetTag: 'EQ-LABEL-PRINTER-01',
    type: 'LABEL-PRINTER',
    name: 'Cryo-label thermal transfer printer',
    status: 'in-service',
    calibrationDueInDays: 180,
  },
  // Negative tests: calibration lapsed a day before seeding, and a unit taken out of service.
  {
    id: id(12),
    assetTag: 'EQ-CELL-COUNTER-02',
    type: 'CELL-COUNTER',
    name: 'Automated cell counter (backup)',
    status: 'in-service',
    calibrationDueInDays: -1,
  },
  {
    id: id(13),
    assetTag: 'EQ-INCUBATOR-02',
    type: 'INCUBATOR',
    name: 'CO2 incubator 37 °C / 5 % CO2 (backup)',
    status: 'out-of-service',
    statusReason: 'CO2 sensor drift found at daily check; service call open',
    calibrationDueInDays: 180,
  },
];
