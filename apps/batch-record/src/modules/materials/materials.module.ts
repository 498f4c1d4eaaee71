import { Module } from '@nestjs/common';
import { EquipmentViewRepository } from './equipment-view.repository';
import { LotViewRepository } from './lot-view.repository';
import { MaterialsConsumer } from './materials.consumer';
import { MaterialsService } from './materials.service';

@Module({
  controllers: [MaterialsConsumer],
  providers: [MaterialsService, LotViewRepository, EquipmentViewRepository],
  exports: [LotViewRepository, EquipmentViewRepository],
})
export class MaterialsModule {}
