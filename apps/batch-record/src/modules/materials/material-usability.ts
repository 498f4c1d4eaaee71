import { LotViewEntity } from './lot-view.entity';

export type LotFacts = Pick<LotViewEntity, 'lotId' | 'materialCode' | 'status' | 'expiresAt' | 'thawedUseBy' | 'expired'> &
  Partial<Pick<LotViewEntity, 'quantityAvailable' | 'unit'>>;

export type Usability = { usable: true } | { usable: false; reason: string };

/** GMP: only a released, unexpired lot of the right material may go into a patient's product; the first failing reason wins. */
export function materialUsability(
  lot: LotFacts | null,
  materialCode: string,
  now: Date,
  need?: { quantity: number; unit: string },
): Usability {
  if (!lot) return { usable: false, reason: 'lot is unknown to the batch record' };
  if (lot.materialCode !== materialCode) return { usable: false, reason: `lot is ${lot.materialCode}, not ${materialCode}` };
  if (lot.status === null) return { usable: false, reason: 'lot status is not known yet' };
  if (lot.status !== 'released') return { usable: false, reason: `lot is ${lot.status}, not released` };
  if (lot.expired) return { usable: false, reason: 'lot has expired' };
  if (!lot.expiresAt) return { usable: false, reason: 'lot expiry date is not known yet' };
  if (lot.expiresAt.getTime() <= now.getTime()) return { usable: false, reason: `lot expired at ${lot.expiresAt.toISOString()}` };
  if (lot.thawedUseBy && lot.thawedUseBy.getTime() <= now.getTime()) {
    return { usable: false, reason: `lot was thawed and its use-by passed at ${lot.thawedUseBy.toISOString()}` };
  }
  if (need) {
    if (lot.quantityAvailable === null || lot.quantityAvailable === undefined)
      return { usable: false, reason: 'lot quantity is not known yet' };
    if (lot.unit && lot.unit !== need.unit) return { usable: false, reason: `lot is counted in ${lot.unit}, the step needs ${need.unit}` };
    if (lot.quantityAvailable < need.quantity) {
      return { usable: false, reason: `lot has ${lot.quantityAvailable} ${need.unit} left, the step needs ${need.quantity}` };
    }
  }
  return { usable: true };
}
