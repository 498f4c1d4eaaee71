import { DynamicModule, Module } from '@nestjs/common';
import { Clock, PlatformModule } from '@mes/platform';
import { InventoryConfig } from './config/inventory.config';
import { inventoryDataSourceOptions } from './database/data-source';
import { ApheresisModule } from './modules/apheresis/apheresis.module';
import { EquipmentModule } from './modules/equipment/equipment.module';
import { LotsModule } from './modules/lots/lots.module';
import { INVENTORY_CONSUMES } from './consumes';
import { INVENTORY_TIMERS } from './timers';

@Module({})
export class AppModule {
  static register(config: InventoryConfig, clock?: Clock): DynamicModule {
    const db = inventoryDataSourceOptions(config.DATABASE_URL);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          config,
          entities: db.entities,
          migrations: db.migrations,
          clock,
          timers: INVENTORY_TIMERS,
          consumes: INVENTORY_CONSUMES,
        }),
        LotsModule,
        ApheresisModule,
        EquipmentModule,
      ],
    };
  }
}
