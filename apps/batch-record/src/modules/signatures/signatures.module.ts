import { Module } from '@nestjs/common';
import { SignatureRepository } from './signature.repository';
import { SignatureService } from './signature.service';

@Module({ providers: [SignatureService, SignatureRepository], exports: [SignatureService] })
export class SignaturesModule {}
