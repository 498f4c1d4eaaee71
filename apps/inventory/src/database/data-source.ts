import { DataSourceOptions } from '@mes/platform';
import { ApheresisUnitEntity } from '../modules/apheresis/apheresis-unit.entity';
import { OrderBatchStartEntity } from '../modules/apheresis/order-batch-start.entity';
import { LotAuditEntity } from '../modules/lots/lot-audit.entity';
import { LotEntity } from '../modules/lots/lot.entity';
import { Lots1763700200100 } from './migrations/1763700200100-lots';
import { Apheresis1763700200200 } from './migrations/1763700200200-apheresis';

export const inventoryDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'inventory',
  entities: [LotEntity, LotAuditEntity, ApheresisUnitEntity, OrderBatchStartEntity],
  migrations: [Lots1763700200100, Apheresis1763700200200],
});
