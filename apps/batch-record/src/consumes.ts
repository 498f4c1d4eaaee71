import { EventDefinition } from '@mes/contracts';
import { EquipmentChangedV1, LotExpiredV1, LotQuantityChangedV1, LotReceivedV1, LotStatusChangedV1, LotThawedV1 } from '@mes/contracts';

/** Every event batch-record consumes: the boot stops unless each has its @OnEvent handler in a registered consumer, and each handler is listed. */
export const BATCH_RECORD_CONSUMES: readonly EventDefinition[] = [
  LotReceivedV1,
  LotStatusChangedV1,
  LotThawedV1,
  LotExpiredV1,
  LotQuantityChangedV1,
  EquipmentChangedV1,
];
