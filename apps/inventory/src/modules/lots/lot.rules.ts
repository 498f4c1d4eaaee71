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

/** Whether a step may consume the lot now: released and inside both its shelf life and its use-by. */
export function isUsable(lot: Pick<LotEntity, 'status' | 'expiresAt' | 'useBy'>, now: Date): boolean {
  return lot.status === 'released' && effectiveExpiry(lot).getTime() > now.getTime();
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
