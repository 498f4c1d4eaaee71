import { LotEntity, LotStatus } from './lot.entity';
import { LotErrors } from './lots.errors';

const HOUR_MS = 3_600_000;

type LotState = Pick<LotEntity, 'id' | 'status' | 'expiresAt' | 'useBy'>;

/** A lot may only be received while it still has shelf life. */
export function assertReceivable(expiresAt: Date, now: Date): void {
  if (expiresAt.getTime() <= now.getTime()) throw LotErrors.alreadyExpired(expiresAt, now);
}

/** When the lot stops being usable: the shelf-life date, or the use-by after thaw if that is sooner. */
export function effectiveExpiry(lot: Pick<LotEntity, 'expiresAt' | 'useBy'>): Date {
  if (lot.useBy && lot.useBy.getTime() < lot.expiresAt.getTime()) return lot.useBy;
  return lot.expiresAt;
}

/** Only quarantined lots are released; an expired lot never is, even if its timer has not fired yet. */
export function releaseTransition(lot: LotState, now: Date): LotStatus {
  if (lot.status === 'released') throw LotErrors.alreadyInStatus(lot.id, 'released');
  if (lot.status === 'rejected') throw LotErrors.invalidTransition(lot.id, lot.status, 'released');
  const expiry = effectiveExpiry(lot);
  if (lot.status === 'expired' || expiry.getTime() <= now.getTime()) throw LotErrors.expired(lot.id, expiry);
  return 'released';
}

/** Quarantined or released lots may be rejected; rejected and expired are final. */
export function rejectTransition(lot: LotState): LotStatus {
  if (lot.status === 'rejected') throw LotErrors.alreadyInStatus(lot.id, 'rejected');
  if (lot.status === 'expired') throw LotErrors.invalidTransition(lot.id, lot.status, 'rejected');
  return 'rejected';
}

/** Expiry clocks act only on lots still in play; a rejected or already expired lot stays as it is. */
export function canExpire(lot: Pick<LotEntity, 'status'>): boolean {
  return lot.status === 'quarantine' || lot.status === 'released';
}

/** Thawed material must be used within useByHours of the thaw. */
export function computeUseBy(thawedAt: Date, useByHours: number): Date {
  if (!(useByHours > 0)) throw new Error('useByHours must be positive');
  return new Date(thawedAt.getTime() + useByHours * HOUR_MS);
}

export type ThawDecision = 'record' | 'already-thawed' | 'not-live';

/** The first thaw starts the use-by clock; a later thaw must not extend it (the earlier use-by is the safe one). */
export function thawDecision(lot: Pick<LotEntity, 'status' | 'thawedAt'>): ThawDecision {
  if (!canExpire(lot)) return 'not-live';
  return lot.thawedAt ? 'already-thawed' : 'record';
}

/** Whether a step may consume the lot now: released, inside both its shelf life and its use-by, and not used up. */
export function isUsable(lot: Pick<LotEntity, 'status' | 'expiresAt' | 'useBy' | 'quantity'>, now: Date): boolean {
  return lot.status === 'released' && effectiveExpiry(lot).getTime() > now.getTime() && lot.quantity > 0;
}

/** Why a lot was not usable for a step at the moment of use, or null when it was. */
export function misuseReason(
  lot: Pick<LotEntity, 'status' | 'expiresAt' | 'useBy' | 'materialCode'> | null,
  materialCode: string,
  usedAt: Date,
): string | null {
  if (!lot) return 'unknown lot';
  if (lot.materialCode !== materialCode) return `lot is ${lot.materialCode}, the step needs ${materialCode}`;
  if (lot.status !== 'released') return `lot status was ${lot.status}`;
  const expiry = effectiveExpiry(lot);
  if (expiry.getTime() <= usedAt.getTime()) return `lot expired at ${expiry.toISOString()}`;
  return null;
}

// Quantities are NUMERIC(14, 3): compare and subtract in thousandths so 0.1 + 0.2 never leaves 0.30000000000000004.
const MILLI = 1000;
const toMilli = (quantity: number): number => Math.round(quantity * MILLI);

export interface ConsumedMaterial {
  materialCode: string;
  quantity: number;
  unit: string;
}

export interface ConsumptionOutcome {
  /** The lot's remaining quantity afterwards: never below 0 (what was physically used is gone either way). */
  quantityAfter: number;
  /** Why the lot should not have been consumed, or null; any reason blocks the batch's release downstream. */
  misuse: string | null;
}

/**
 * Applies a consumption to a lot's records. The same usability check as a thaw (right material, released, in date
 * at the moment of use) plus enough quantity on record. A unit that differs from the lot's cannot be subtracted:
 * the quantity stays and the mismatch is reported.
 */
export function consumptionOutcome(
  lot: Pick<LotEntity, 'status' | 'expiresAt' | 'useBy' | 'materialCode' | 'quantity' | 'unit'>,
  consumed: ConsumedMaterial,
  usedAt: Date,
): ConsumptionOutcome {
  const reasons: string[] = [];
  const unusable = misuseReason(lot, consumed.materialCode, usedAt);
  if (unusable) reasons.push(unusable);
  if (normaliseUnit(lot.unit) !== normaliseUnit(consumed.unit)) {
    reasons.push(`unit mismatch: the step consumed ${consumed.quantity} ${consumed.unit}, the lot is counted in ${lot.unit}`);
    return { quantityAfter: lot.quantity, misuse: reasons.join('; ') };
  }
  const have = toMilli(lot.quantity);
  const need = toMilli(consumed.quantity);
  if (need > have)
    reasons.push(`insufficient quantity: the step consumed ${consumed.quantity} ${lot.unit}, ${lot.quantity} ${lot.unit} on record`);
  return { quantityAfter: Math.max(0, have - need) / MILLI, misuse: reasons.length > 0 ? reasons.join('; ') : null };
}

const normaliseUnit = (unit: string): string => unit.trim().toLowerCase();
