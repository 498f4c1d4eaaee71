import { DynamicModule, Module } from '@nestjs/common';
import { Clock, PlatformModule } from '@mes/platform';
import { IdentityConfig } from './config/identity.config';
import { identityDataSourceOptions } from './database/data-source';
import { UsersModule } from './modules/users/users.module';
import { IDENTITY_CONSUMES } from './consumes';
import { IDENTITY_TIMERS } from './timers';

@Module({})
export class AppModule {
  static register(config: IdentityConfig, clock?: Clock): DynamicModule {
    const db = identityDataSourceOptions(config.DATABASE_URL);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          config,
          entities: db.entities,
          migrations: db.migrations,
          clock,
          timers: IDENTITY_TIMERS,
          consumes: IDENTITY_CONSUMES,
        }),
        UsersModule,
      ],
    };
  }
}
