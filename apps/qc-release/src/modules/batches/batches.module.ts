import { Module } from '@nestjs/common';
import { BatchViewConsumer } from './batch-view.consumer';
import { BatchViewRepository } from './batch-view.repository';
import { BatchViewService } from './batch-view.service';
import { MaterialBlockerConsumer } from './material-blocker.consumer';
import { MaterialBlockerRepository } from './material-blocker.repository';

@Module({
  providers: [BatchViewRepository, BatchViewService, BatchViewConsumer, MaterialBlockerRepository, MaterialBlockerConsumer],
  exports: [BatchViewRepository, MaterialBlockerRepository],
})
export class BatchesModule {}
