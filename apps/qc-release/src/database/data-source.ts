import { DataSourceOptions } from '@mes/platform';
import { BatchViewEntity } from '../modules/batches/batch-view.entity';
import { DispositionEntity } from '../modules/disposition/disposition.entity';
import { TestOrderEntity } from '../modules/test-orders/test-order.entity';
import { QcRelease1763700300100 } from './migrations/1763700300100-qc-release';
import { MaterialBlockers1763700300200 } from './migrations/1763700300200-material-blockers';
import { ReleaseGates1763700300300 } from './migrations/1763700300300-release-gates';

export const qcReleaseDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'qc-release',
  entities: [BatchViewEntity, TestOrderEntity, DispositionEntity],
  migrations: [QcRelease1763700300100, MaterialBlockers1763700300200, ReleaseGates1763700300300],
});
