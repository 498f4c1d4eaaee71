import { z } from 'zod';
import { Topics } from '../topics';
import { defineEvent } from '../registry';

const isoDate = z.iso.datetime({ offset: true });

export const LotReceivedV1 = defineEvent({
  type: 'inventory.lot.received',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    supplierLot: z.string().min(1),
    quantity: z.number().positive(),
    unit: z.string().min(1),
    status: z.enum(['quarantine', 'released', 'rejected']),
    expiresAt: isoDate,
  }),
});

export const LotStatusChangedV1 = defineEvent({
  type: 'inventory.lot.status-changed',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    status: z.enum(['quarantine', 'released', 'rejected']),
    reason: z.string().nullable(),
    changedBy: z.string().min(1),
  }),
});

export const LotThawedV1 = defineEvent({
  type: 'inventory.lot.thawed',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({ lotId: z.uuid(), materialCode: z.string(), batchId: z.uuid(), thawedAt: isoDate, useBy: isoDate }),
});

export const LotExpiredV1 = defineEvent({
  type: 'inventory.lot.expired',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({ lotId: z.uuid(), materialCode: z.string(), reason: z.enum(['shelf-life', 'use-by-after-thaw']), expiredAt: isoDate }),
});

/** A step consumed a lot that was not usable when it was used (inventory's own records are the truth). */
export const LotMisuseDetectedV1 = defineEvent({
  type: 'inventory.lot.misuse-detected',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    batchId: z.uuid(),
    stepCode: z.string().min(1),
    usedAt: isoDate,
    reason: z.string().min(1),
  }),
});

export const ApheresisHoldStartedV1 = defineEvent({
  type: 'inventory.apheresis.hold-started',
  version: 1,
  topic: Topics.inventoryApheresis,
  schema: z.object({ orderId: z.uuid(), coi: z.string(), bagId: z.string(), collectedAt: isoDate, holdUntil: isoDate }),
});

export const ApheresisHoldWarningV1 = defineEvent({
  type: 'inventory.apheresis.hold-warning',
  version: 1,
  topic: Topics.inventoryApheresis,
  schema: z.object({ orderId: z.uuid(), coi: z.string(), bagId: z.string(), holdUntil: isoDate, hoursLeft: z.number() }),
});

export const ApheresisHoldExpiredV1 = defineEvent({
  type: 'inventory.apheresis.hold-expired',
  version: 1,
  topic: Topics.inventoryApheresis,
  schema: z.object({ orderId: z.uuid(), coi: z.string(), bagId: z.string(), holdUntil: isoDate }),
});

/** A lot's remaining quantity after inventory applied a consumption (absolute value, so replays converge). */
export const LotQuantityChangedV1 = defineEvent({
  type: 'inventory.lot.quantity-changed',
  version: 1,
  topic: Topics.inventoryLot,
  schema: z.object({
    lotId: z.uuid(),
    materialCode: z.string().min(1),
    quantityRemaining: z.number().nonnegative(),
    unit: z.string().min(1),
    batchId: z.uuid().nullable(),
    changedAt: isoDate,
  }),
});

/** Full state of a piece of equipment after any change (registered, calibrated, taken out of or put back in service). */
export const EquipmentChangedV1 = defineEvent({
  type: 'inventory.equipment.changed',
  version: 1,
  topic: Topics.inventoryEquipment,
  schema: z.object({
    equipmentId: z.uuid(),
    assetTag: z.string().min(1),
    type: z.string().min(1),
    name: z.string().min(1),
    status: z.enum(['in-service', 'out-of-service', 'retired']),
    calibrationDueAt: isoDate.nullable(),
    changedAt: isoDate,
    changedBy: z.string().min(1),
  }),
});
