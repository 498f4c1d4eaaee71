import { DataSourceOptions } from '@mes/platform';
import { BatchEntity, BatchStepEntity } from '../modules/batches/batch.entity';
import { IdentityRefusalEntity } from '../modules/chain-of-identity/identity-refusal.entity';
import { MasterBatchRecordEntity, MbrStepEntity } from '../modules/master-batch-records/mbr.entity';
import { LotViewEntity } from '../modules/materials/lot-view.entity';
import { MaterialRefusalEntity } from '../modules/materials/material-refusal.entity';
import { EquipmentViewEntity } from '../modules/materials/equipment-view.entity';
import { StepCorrectionEntity } from '../modules/batches/step-correction.entity';
import { DeviationEntity } from '../modules/deviations/deviation.entity';
import { SignatureEntity } from '../modules/signatures/signature.entity';
import { TimingRecordEntity } from '../modules/timing/timing-record.entity';
import { TrainingRecordEntity } from '../modules/training/training-record.entity';
import { ElectronicBatchRecord1763700100400 } from './migrations/1763700100400-electronic-batch-record';
import { OrderEntity } from '../modules/orders/order.entity';
import { Orders1763700100000 } from './migrations/1763700100000-orders';
import { MasterBatchRecords1763700100100 } from './migrations/1763700100100-master-batch-records';
import { Batches1763700100200 } from './migrations/1763700100200-batches';
import { LotView1763700100300 } from './migrations/1763700100300-lot-view';
import { MaterialRefusal1763700100500 } from './migrations/1763700100500-material-refusal';

export const batchRecordDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'batch-record',
  entities: [
    OrderEntity,
    IdentityRefusalEntity,
    MasterBatchRecordEntity,
    MbrStepEntity,
    BatchEntity,
    BatchStepEntity,
    LotViewEntity,
    EquipmentViewEntity,
    StepCorrectionEntity,
    DeviationEntity,
    SignatureEntity,
    TimingRecordEntity,
    TrainingRecordEntity,
    MaterialRefusalEntity,
  ],
  migrations: [
    Orders1763700100000,
    MasterBatchRecords1763700100100,
    Batches1763700100200,
    LotView1763700100300,
    ElectronicBatchRecord1763700100400,
    MaterialRefusal1763700100500,
  ],
});
