import { Module } from '@nestjs/common';
import { BatchLock } from './batch-lock';

/** Its own module so batches, deviations, timing and review share one lock without importing each other. */
@Module({ providers: [BatchLock], exports: [BatchLock] })
export class BatchLockModule {}
