import { Module } from '@nestjs/common';
import { PgListener } from './pg-listener';

/** The one LISTEN connection per process that wakes every Server-Sent Events stream. */
@Module({ providers: [PgListener], exports: [PgListener] })
export class StreamingModule {}
