import { EventData, LotReceivedV1 } from '@mes/contracts';
import { AuditHistoryEntry } from '../inventory-audit';
import { LotAuditEntity } from './lot-audit.entity';
import { LotConsumptionEntity } from './lot-consumption.entity';
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

/** The audited fields of a lot (old/new values of its audit entries). */
export function lotAuditFields(lot: LotEntity) {
  const {
    materialCode,
    supplierLot,
    quantity,
    unit,
    status,
    statusReason,
    expiresAt,
    thawedAt,
    useBy,
    thawedBatchId,
    expiredAt,
    expiryReason,
  } = lot;
  return {
    materialCode,
    supplierLot,
    quantity,
    unit,
    status,
    statusReason,
    expiresAt,
    thawedAt,
    useBy,
    thawedBatchId,
    expiredAt,
    expiryReason,
  };
}

export function toConsumptionView(c: LotConsumptionEntity) {
  return {
    id: c.id,
    lotId: c.lotId,
    batchId: c.batchId,
    stepCode: c.stepCode,
    quantity: c.quantity,
    unit: c.unit,
    quantityBefore: c.quantityBefore,
    quantityAfter: c.quantityAfter,
    misuseReason: c.misuseReason,
    consumedAt: c.consumedAt.toISOString(),
    consumedBy: c.consumedBy,
    recordedAt: c.recordedAt.toISOString(),
  };
}

/** A legacy lot_audit row in the shape of a platform audit entry, so a lot's history reads as one list. */
export function legacyAuditEntry(row: LotAuditEntity): AuditHistoryEntry {
  return {
    source: 'lot_audit',
    seq: String(row.seq),
    occurredAt: row.at.toISOString(),
    actorId: row.actor,
    actorName: row.actor,
    action: row.action,
    oldValue: row.fromStatus === null ? null : { status: row.fromStatus },
    newValue: { status: row.toStatus },
    reason: row.reason,
  };
}
