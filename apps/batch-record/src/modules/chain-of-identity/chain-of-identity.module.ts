import { Module } from '@nestjs/common';
import { CoiGenerator } from './coi-generator';
import { IdentityRefusalRepository } from './identity-refusal.repository';
import { IdentityRefusalService } from './identity-refusal.service';

@Module({
  providers: [{ provide: CoiGenerator, useValue: new CoiGenerator() }, IdentityRefusalRepository, IdentityRefusalService],
  exports: [CoiGenerator, IdentityRefusalService, IdentityRefusalRepository],
})
export class ChainOfIdentityModule {}
