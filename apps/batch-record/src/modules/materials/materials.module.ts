import { Module } from '@nestjs/common';
import { LotViewRepository } from './lot-view.repository';
import { MaterialsConsumer } from './materials.consumer';
import { MaterialsService } from './materials.service';

@Module({ providers: [MaterialsConsumer, MaterialsService, LotViewRepository], exports: [LotViewRepository] })
export class MaterialsModule {}
