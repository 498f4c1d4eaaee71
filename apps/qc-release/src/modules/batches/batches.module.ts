import { Module } from '@nestjs/common';
import { BatchViewConsumer } from './batch-view.consumer';
import { BatchViewRepository } from './batch-view.repository';
import { BatchViewService } from './batch-view.service';
import { MaterialBlockerConsumer } from './material-blocker.consumer';
import { MaterialBlockerRepository } from './material-blocker.repository';
import { ReleaseGateConsumer } from './release-gate.consumer';
import { ReleaseGateRepository } from './release-gate.repository';

@Module({
  controllers: [BatchViewConsumer, MaterialBlockerConsumer, ReleaseGateConsumer],
  providers: [BatchViewRepository, BatchViewService, MaterialBlockerRepository, ReleaseGateRepository],
  exports: [BatchViewRepository, MaterialBlockerRepository, ReleaseGateRepository],
})
export class BatchesModule {}
