import { Module } from '@nestjs/common';
import { EquipmentViewRepository } from './equipment-view.repository';
import { LotViewRepository } from './lot-view.repository';
import { MaterialsConsumer } from './materials.consumer';
import { MaterialsService } from './materials.service';

@Module({
  providers: [MaterialsConsumer, MaterialsService, LotViewRepository, EquipmentViewRepository],
  exports: [LotViewRepository, EquipmentViewRepository],
})
export class MaterialsModule {}
