import { EventDefinition } from '@mes/contracts';
import {
  BatchCompletedV1,
  BatchReviewedV1,
  BatchStartedV1,
  DeviationChangedV1,
  LotMisuseDetectedV1,
  StepCompletedV1,
  TimingAlertV1,
} from '@mes/contracts';

/** Every event qc-release consumes: the boot stops unless each has its @OnEvent handler in a registered consumer, and each handler is listed. */
export const QC_RELEASE_CONSUMES: readonly EventDefinition[] = [
  LotMisuseDetectedV1,
  BatchReviewedV1,
  DeviationChangedV1,
  TimingAlertV1,
  BatchStartedV1,
  BatchCompletedV1,
  StepCompletedV1,
];
