import { Problem } from '@mes/platform';
import { LotEntity, LotStatus } from './lot.entity';
import {
  assertReceivable,
  canExpire,
  computeUseBy,
  consumptionOutcome,
  effectiveExpiry,
  isUsable,
  misuseReason,
  rejectTransition,
  releaseTransition,
  thawDecision,
} from './lot.rules';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const H = 3_600_000;

function lot(status: LotStatus, over: Partial<LotEntity> = {}): LotEntity {
  return Object.assign(new LotEntity(), {
    id: 'lot-1',
    status,
    materialCode: 'IL2-CYTOKINE',
    quantity: 10,
    unit: 'vial',
    expiresAt: new Date(NOW.getTime() + 30 * 24 * H),
    useBy: null,
    thawedAt: null,
    ...over,
  });
}

function problemOf(fn: () => unknown): Problem {
  try {
    fn();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('lot rules', () => {
  describe(assertReceivable.name, () => {
    it('should accept a lot when it expires in the future', () => {
      expect(() => assertReceivable(new Date(NOW.getTime() + 1), NOW)).not.toThrow();
    });

    it('should refuse with 422 already-expired when the expiry is now or past', () => {
      const problem = problemOf(() => assertReceivable(NOW, NOW));
      expect(problem).toMatchObject({
        status: 422,
        code: 'already-expired',
        errors: [{ field: 'expiresAt', reason: 'must be in the future' }],
      });
    });
  });

  describe(releaseTransition.name, () => {
    it('should release when the lot is in quarantine and in date', () => {
      expect(releaseTransition(lot('quarantine'), NOW)).toBe('released');
    });

    it('should refuse with 409 when the lot is already released', () => {
      expect(problemOf(() => releaseTransition(lot('released'), NOW))).toMatchObject({ status: 409, code: 'lot-already-released' });
    });

    it('should refuse with 409 invalid-lot-transition when the lot is rejected', () => {
      expect(problemOf(() => releaseTransition(lot('rejected'), NOW))).toMatchObject({ status: 409, code: 'invalid-lot-transition' });
    });

    it('should refuse with 422 lot-expired when the lot is expired', () => {
      expect(problemOf(() => releaseTransition(lot('expired'), NOW))).toMatchObject({ status: 422, code: 'lot-expired' });
    });

    it('should refuse with 422 lot-expired when the shelf life has passed but the timer has not fired yet', () => {
      const overdue = lot('quarantine', { expiresAt: new Date(NOW.getTime() - 1) });
      expect(problemOf(() => releaseTransition(overdue, NOW))).toMatchObject({ status: 422, code: 'lot-expired' });
    });
  });

  describe(rejectTransition.name, () => {
    it.each<LotStatus>(['quarantine', 'released'])('should reject when the lot is %s', (status) => {
      expect(rejectTransition(lot(status))).toBe('rejected');
    });

    it('should refuse with 409 when the lot is already rejected', () => {
      expect(problemOf(() => rejectTransition(lot('rejected')))).toMatchObject({ status: 409, code: 'lot-already-rejected' });
    });

    it('should refuse with 409 when the lot is expired', () => {
      expect(problemOf(() => rejectTransition(lot('expired')))).toMatchObject({ status: 409, code: 'invalid-lot-transition' });
    });
  });

  describe(canExpire.name, () => {
    it.each<[LotStatus, boolean]>([
      ['quarantine', true],
      ['released', true],
      ['rejected', false],
      ['expired', false],
    ])('should say %s → %s', (status, expected) => {
      expect(canExpire(lot(status))).toBe(expected);
    });
  });

  describe(computeUseBy.name, () => {
    it('should add the use-by hours to the thaw time', () => {
      expect(computeUseBy(NOW, 4).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    });

    it('should keep fractions of an hour when useByHours is not whole', () => {
      expect(computeUseBy(NOW, 0.5).toISOString()).toBe('2026-03-01T12:30:00.000Z');
    });

    it('should throw when useByHours is not positive', () => {
      expect(() => computeUseBy(NOW, 0)).toThrow();
    });
  });

  describe(thawDecision.name, () => {
    it('should record the first thaw of a released lot', () => {
      expect(thawDecision(lot('released'))).toBe('record');
    });

    it('should keep the earlier use-by when the lot was already thawed', () => {
      expect(thawDecision(lot('released', { thawedAt: NOW }))).toBe('already-thawed');
    });

    it('should ignore the thaw when the lot is expired or rejected', () => {
      expect(thawDecision(lot('expired'))).toBe('not-live');
      expect(thawDecision(lot('rejected'))).toBe('not-live');
    });
  });

  describe(isUsable.name, () => {
    it('should be usable when released and in date', () => {
      expect(isUsable(lot('released'), NOW)).toBe(true);
    });

    it('should not be usable when in quarantine', () => {
      expect(isUsable(lot('quarantine'), NOW)).toBe(false);
    });

    it('should not be usable when released and in date but used up (quantity 0)', () => {
      expect(isUsable(lot('released', { quantity: 0 }), NOW)).toBe(false);
    });

    it('should not be usable when the use-by after thaw has passed though the shelf life has not', () => {
      const thawed = lot('released', { thawedAt: new Date(NOW.getTime() - 5 * H), useBy: new Date(NOW.getTime() - H) });
      expect(effectiveExpiry(thawed)).toEqual(thawed.useBy);
      expect(isUsable(thawed, NOW)).toBe(false);
    });
  });
});

describe('misuseReason', () => {
  it('should find nothing wrong when a released lot of the right material is used within its dates', () => {
    expect(misuseReason(lot('released', { materialCode: 'IL2-CYTOKINE' }), 'IL2-CYTOKINE', NOW)).toBeNull();
  });

  it('should name the status when a quarantined or rejected lot was used', () => {
    expect(misuseReason(lot('quarantine', { materialCode: 'IL2-CYTOKINE' }), 'IL2-CYTOKINE', NOW)).toBe('lot status was quarantine');
    expect(misuseReason(lot('rejected', { materialCode: 'IL2-CYTOKINE' }), 'IL2-CYTOKINE', NOW)).toBe('lot status was rejected');
  });

  it('should report expiry when the lot was used after its use-by, even before the expiry timer fired', () => {
    const thawed = lot('released', { materialCode: 'IL2-CYTOKINE', useBy: new Date(NOW.getTime() - H) });
    expect(misuseReason(thawed, 'IL2-CYTOKINE', NOW)).toMatch(/^lot expired at /);
  });

  it('should report a wrong material and an unknown lot', () => {
    expect(misuseReason(lot('released', { materialCode: 'TEXMACS-MEDIUM' }), 'IL2-CYTOKINE', NOW)).toMatch(/the step needs IL2-CYTOKINE/);
    expect(misuseReason(null, 'IL2-CYTOKINE', NOW)).toBe('unknown lot');
  });
});

describe(consumptionOutcome.name, () => {
  const use = (quantity: number, over: Partial<{ materialCode: string; unit: string }> = {}) => ({
    materialCode: 'IL2-CYTOKINE',
    unit: 'vial',
    quantity,
    ...over,
  });

  it('should subtract the quantity and find no misuse when a released, in-date lot has enough', () => {
    expect(consumptionOutcome(lot('released'), use(3), NOW)).toEqual({ quantityAfter: 7, misuse: null });
  });

  it('should reach exactly 0 without misuse when the step uses the last of the lot', () => {
    expect(consumptionOutcome(lot('released'), use(10), NOW)).toEqual({ quantityAfter: 0, misuse: null });
  });

  it('should subtract in thousandths when quantities are fractional', () => {
    expect(consumptionOutcome(lot('released', { quantity: 0.3 }), use(0.1), NOW).quantityAfter).toBe(0.2);
  });

  it('should stop at 0 and report insufficient quantity when the step used more than is on record', () => {
    expect(consumptionOutcome(lot('released', { quantity: 2 }), use(3), NOW)).toEqual({
      quantityAfter: 0,
      misuse: 'insufficient quantity: the step consumed 3 vial, 2 vial on record',
    });
  });

  it('should still draw down the stock but report misuse when the lot was in quarantine', () => {
    expect(consumptionOutcome(lot('quarantine'), use(1), NOW)).toEqual({ quantityAfter: 9, misuse: 'lot status was quarantine' });
  });

  it('should report expiry when the lot was used after its use-by, before the expiry timer fired', () => {
    const thawed = lot('released', { thawedAt: new Date(NOW.getTime() - 5 * H), useBy: new Date(NOW.getTime() - H) });
    expect(consumptionOutcome(thawed, use(1), NOW).misuse).toMatch(/^lot expired at /);
  });

  it('should report every reason at once when the lot is both rejected and short', () => {
    expect(consumptionOutcome(lot('rejected', { quantity: 1 }), use(2), NOW).misuse).toBe(
      'lot status was rejected; insufficient quantity: the step consumed 2 vial, 1 vial on record',
    );
  });

  it('should keep the quantity and report a mismatch when the step counts in another unit', () => {
    expect(consumptionOutcome(lot('released'), use(5, { unit: 'mL' }), NOW)).toEqual({
      quantityAfter: 10,
      misuse: 'unit mismatch: the step consumed 5 mL, the lot is counted in vial',
    });
  });

  it('should treat units alike when they differ only in case or spaces', () => {
    expect(consumptionOutcome(lot('released'), use(1, { unit: ' Vial ' }), NOW)).toEqual({ quantityAfter: 9, misuse: null });
  });

  it('should report a wrong material when the lot is not what the step needs', () => {
    expect(consumptionOutcome(lot('released'), use(1, { materialCode: 'HSA-20' }), NOW).misuse).toBe(
      'lot is IL2-CYTOKINE, the step needs HSA-20',
    );
  });
});
