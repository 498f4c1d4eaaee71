import { Module } from '@nestjs/common';
import { LotClocksService } from './lot-clocks.service';
import { AuditHistoryRepository } from '../inventory-audit';
import { LotConsumptionService } from './lot-consumption.service';
import { LotRepository } from './lot.repository';
import { LotShelfLifeJob } from './lot-shelf-life.job';
import { LotsConsumer } from './lots.consumer';
import { LotsController } from './lots.controller';
import { LotsService } from './lots.service';
import { StepMaterialsService } from './step-materials.service';
import { ThawedLotUseByJob } from './thawed-lot-use-by.job';

@Module({
  controllers: [LotsController, LotsConsumer],
  providers: [
    LotRepository,
    AuditHistoryRepository,
    LotsService,
    LotClocksService,
    LotConsumptionService,
    StepMaterialsService,
    LotShelfLifeJob,
    ThawedLotUseByJob,
  ],
})
export class LotsModule {}
