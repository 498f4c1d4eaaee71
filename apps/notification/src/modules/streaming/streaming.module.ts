import { Module } from '@nestjs/common';
import { FeedStreamService } from './feed-stream.service';
import { PgListener } from './pg-listener';

/** The one LISTEN connection per process and the one stream service that serve every feed's Server-Sent Events. */
@Module({ providers: [PgListener, FeedStreamService], exports: [FeedStreamService] })
export class StreamingModule {}
