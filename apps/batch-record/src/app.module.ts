import { DynamicModule, Module } from '@nestjs/common';
import { Clock, PlatformModule } from '@mes/platform';
import { BatchRecordConfig } from './config/batch-record.config';
import { batchRecordDataSourceOptions } from './database/data-source';
import { BatchesModule } from './modules/batches/batches.module';
import { MasterBatchRecordsModule } from './modules/master-batch-records/master-batch-records.module';
import { MaterialsModule } from './modules/materials/materials.module';
import { OrdersModule } from './modules/orders/orders.module';
import { DeviationsModule } from './modules/deviations/deviations.module';
import { ExportModule } from './modules/export/export.module';
import { ReviewModule } from './modules/review/review.module';
import { TrainingModule } from './modules/training/training.module';
import { BATCH_RECORD_CONSUMES } from './consumes';
import { BATCH_RECORD_TIMERS } from './timers';

@Module({})
export class AppModule {
  static register(config: BatchRecordConfig, clock?: Clock): DynamicModule {
    const db = batchRecordDataSourceOptions(config.DATABASE_URL);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          config,
          entities: db.entities,
          migrations: db.migrations,
          clock,
          timers: BATCH_RECORD_TIMERS,
          consumes: BATCH_RECORD_CONSUMES,
        }),
        OrdersModule,
        MasterBatchRecordsModule,
        MaterialsModule,
        BatchesModule,
        DeviationsModule,
        TrainingModule,
        ReviewModule,
        ExportModule,
      ],
    };
  }
}
