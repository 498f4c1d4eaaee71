import { Module } from '@nestjs/common';
import { BatchViewConsumer } from './batch-view.consumer';
import { BatchViewRepository } from './batch-view.repository';
import { BatchViewService } from './batch-view.service';

@Module({ providers: [BatchViewRepository, BatchViewService, BatchViewConsumer], exports: [BatchViewRepository] })
export class BatchesModule {}
