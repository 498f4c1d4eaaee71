import { Module } from '@nestjs/common';
import { BatchLockModule } from '../batch-lock/batch-lock.module';
import { SignaturesModule } from '../signatures/signatures.module';
import { DeviationRepository } from './deviation.repository';
import { DeviationService } from './deviation.service';
import { DeviationsController } from './deviations.controller';

@Module({
  imports: [BatchLockModule, SignaturesModule],
  controllers: [DeviationsController],
  providers: [DeviationService, DeviationRepository],
  exports: [DeviationService, DeviationRepository],
})
export class DeviationsModule {}
