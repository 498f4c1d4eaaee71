import { DataSourceOptions } from '@mes/platform';
import { ApheresisUnitEntity } from '../modules/apheresis/apheresis-unit.entity';
import { OrderBatchStartEntity } from '../modules/apheresis/order-batch-start.entity';
import { EquipmentCalibrationEntity } from '../modules/equipment/equipment-calibration.entity';
import { EquipmentEntity } from '../modules/equipment/equipment.entity';
import { LotAuditEntity } from '../modules/lots/lot-audit.entity';
import { LotConsumptionEntity } from '../modules/lots/lot-consumption.entity';
import { LotEntity } from '../modules/lots/lot.entity';
import { Lots1763700200100 } from './migrations/1763700200100-lots';
import { Apheresis1763700200200 } from './migrations/1763700200200-apheresis';
import { Equipment1763700200300 } from './migrations/1763700200300-equipment';
import { LotConsumption1763700200400 } from './migrations/1763700200400-lot-consumption';

export const inventoryDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'inventory',
  entities: [
    LotEntity,
    LotAuditEntity,
    LotConsumptionEntity,
    ApheresisUnitEntity,
    OrderBatchStartEntity,
    EquipmentEntity,
    EquipmentCalibrationEntity,
  ],
  migrations: [Lots1763700200100, Apheresis1763700200200, Equipment1763700200300, LotConsumption1763700200400],
});
