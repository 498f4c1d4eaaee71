import { Module } from '@nestjs/common';
import { ApheresisConsumer } from './apheresis.consumer';
import { ApheresisController } from './apheresis.controller';
import { ApheresisHoldExpiryJob } from './apheresis-hold-expiry.job';
import { ApheresisHoldWarningJob } from './apheresis-hold-warning.job';
import { ApheresisRepository } from './apheresis.repository';
import { ApheresisService } from './apheresis.service';

@Module({
  controllers: [ApheresisController, ApheresisConsumer],
  providers: [ApheresisRepository, ApheresisService, ApheresisHoldWarningJob, ApheresisHoldExpiryJob],
})
export class ApheresisModule {}
