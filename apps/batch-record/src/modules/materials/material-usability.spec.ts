import { LotFacts, materialUsability } from './material-usability';

const now = new Date('2026-03-10T12:00:00.000Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const lot: LotFacts = {
  lotId: '6f1e9a43-2d5b-4c1e-9a7f-0b3c2d1e4f5a',
  materialCode: 'IL2-CYTOKINE',
  status: 'released',
  expiresAt: hours(24 * 30),
  thawedUseBy: null,
  expired: false,
};

describe(materialUsability.name, () => {
  it('should allow a released, unexpired lot of the right material', () => {
    expect(materialUsability(lot, 'IL2-CYTOKINE', now)).toEqual({ usable: true });
  });

  it('should refuse a lot with less quantity left than the step needs', () => {
    const result = materialUsability({ ...lot, quantityAvailable: 1, unit: 'vial' }, 'IL2-CYTOKINE', now, { quantity: 2, unit: 'vial' });
    expect(result).toEqual({ usable: false, reason: 'lot has 1 vial left, the step needs 2' });
  });

  it('should allow a lot with exactly the quantity the step needs', () => {
    expect(
      materialUsability({ ...lot, quantityAvailable: 2, unit: 'vial' }, 'IL2-CYTOKINE', now, { quantity: 2, unit: 'vial' }).usable,
    ).toBe(true);
  });

  it('should allow a thawed lot when its use-by is still ahead', () => {
    expect(materialUsability({ ...lot, thawedUseBy: hours(1) }, 'IL2-CYTOKINE', now).usable).toBe(true);
  });

  it.each<[string, LotFacts | null, RegExp]>([
    ['the lot is unknown', null, /unknown/],
    ['the lot is another material', { ...lot, materialCode: 'CD3-BEADS' }, /CD3-BEADS, not IL2-CYTOKINE/],
    ['the lot is in quarantine', { ...lot, status: 'quarantine' }, /quarantine/],
    ['the lot is rejected', { ...lot, status: 'rejected' }, /rejected/],
    ['the lot status was never seen', { ...lot, status: null }, /status is not known/],
    ['inventory declared the lot expired', { ...lot, expired: true }, /expired/],
    ['the expiry date has passed', { ...lot, expiresAt: hours(-1) }, /expired at/],
    ['the expiry is exactly now', { ...lot, expiresAt: now }, /expired at/],
    ['the expiry date is unknown', { ...lot, expiresAt: null }, /expiry date is not known/],
    ['the thawed use-by has passed', { ...lot, thawedUseBy: hours(-0.5) }, /use-by passed/],
  ])('should refuse when %s', (_, facts, reason) => {
    const result = materialUsability(facts, 'IL2-CYTOKINE', now);
    expect(result.usable).toBe(false);
    expect(result.usable === false && result.reason).toMatch(reason);
  });
});
