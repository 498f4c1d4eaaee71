import { DynamicModule, Module } from '@nestjs/common';
import { Clock, PlatformModule } from '@mes/platform';
import { QcReleaseConfig } from './config/qc-release.config';
import { qcReleaseDataSourceOptions } from './database/data-source';
import { BatchesModule } from './modules/batches/batches.module';
import { DispositionModule } from './modules/disposition/disposition.module';
import { TestOrdersModule } from './modules/test-orders/test-orders.module';
import { QC_RELEASE_CONSUMES } from './consumes';
import { QC_RELEASE_TIMERS } from './timers';

@Module({})
export class AppModule {
  static register(config: QcReleaseConfig, clock?: Clock): DynamicModule {
    const db = qcReleaseDataSourceOptions(config.DATABASE_URL);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          config,
          entities: db.entities,
          migrations: db.migrations,
          clock,
          timers: QC_RELEASE_TIMERS,
          consumes: QC_RELEASE_CONSUMES,
        }),
        BatchesModule,
        TestOrdersModule,
        DispositionModule,
      ],
    };
  }
}
