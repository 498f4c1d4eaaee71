import { Module } from '@nestjs/common';
import { EquipmentViewRepository } from './equipment-view.repository';
import { LotViewRepository } from './lot-view.repository';
import { MaterialRefusalRepository } from './material-refusal.repository';
import { MaterialRefusalService } from './material-refusal.service';
import { MaterialsConsumer } from './materials.consumer';
import { MaterialsService } from './materials.service';

@Module({
  controllers: [MaterialsConsumer],
  providers: [MaterialsService, LotViewRepository, EquipmentViewRepository, MaterialRefusalRepository, MaterialRefusalService],
  exports: [LotViewRepository, EquipmentViewRepository, MaterialRefusalRepository, MaterialRefusalService],
})
export class MaterialsModule {}
