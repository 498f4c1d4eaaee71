import { EventData, LotReceivedV1 } from '@mes/contracts';
import { LotEntity } from './lot.entity';
import { isUsable } from './lot.rules';

/** What the API returns for a lot; `usable` is the answer a step needs before consuming it. */
export function toLotView(lot: LotEntity, now: Date) {
  return {
    id: lot.id,
    materialCode: lot.materialCode,
    supplierLot: lot.supplierLot,
    quantity: lot.quantity,
    unit: lot.unit,
    status: lot.status,
    statusReason: lot.statusReason,
    statusChangedAt: lot.statusChangedAt,
    statusChangedBy: lot.statusChangedBy,
    expiresAt: lot.expiresAt,
    receivedAt: lot.receivedAt,
    receivedBy: lot.receivedBy,
    thawedAt: lot.thawedAt,
    useBy: lot.useBy,
    thawedBatchId: lot.thawedBatchId,
    expiredAt: lot.expiredAt,
    expiryReason: lot.expiryReason,
    usable: isUsable(lot, now),
  };
}

export type LotView = ReturnType<typeof toLotView>;

/** The LotReceivedV1 payload of a freshly received lot (never called for an expired one). */
export function lotReceivedData(lot: LotEntity): EventData<typeof LotReceivedV1> {
  if (lot.status === 'expired') throw new Error('an expired lot is never received');
  return {
    lotId: lot.id,
    materialCode: lot.materialCode,
    supplierLot: lot.supplierLot,
    quantity: lot.quantity,
    unit: lot.unit,
    status: lot.status,
    expiresAt: lot.expiresAt.toISOString(),
  };
}
