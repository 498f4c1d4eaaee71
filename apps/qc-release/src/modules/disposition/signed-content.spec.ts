import { CAR_T_RELEASE } from '../test-orders/test-plan';
import { contentHash } from '@mes/platform';
import { SignatureInput, signedContent } from './signed-content';

const input = (): SignatureInput => ({
  batchId: '0b8e7a52-3c1f-4d55-9a57-8f1f1c0e2a01',
  lotNumber: 'LOT-0001',
  coi: 'COI-AB12-CD34',
  decision: 'released',
  reason: null,
  meaning: 'approved-for-release',
  signedBy: 'user-qa',
  signedByName: 'Alex QA-Person',
  signedAt: new Date('2026-03-16T09:00:00.000Z'),
  review: { reviewedBy: 'qa', reviewedAt: new Date('2026-03-16T08:00:00.000Z') },
  tests: CAR_T_RELEASE.tests.map((t) => ({
    testCode: t.code,
    specification: t.specification,
    result: t.specification.kind === 'number' ? t.specification.limit : t.specification.conforming,
    conforms: true,
    recordedBy: 'user-qc',
    recordedAt: new Date('2026-03-15T12:00:00.000Z'),
  })),
});

describe(contentHash.name, () => {
  it('should give the same hash when the stored copy comes back with its keys in another order', () => {
    const content = signedContent(input());
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(content).reverse())));
    expect(contentHash(reordered)).toBe(contentHash(content));
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should give another hash when a signed result is altered', () => {
    const original = signedContent(input());
    const tampered = input();
    tampered.tests = tampered.tests.map((t) => (t.testCode === 'endotoxin' ? { ...t, result: 4.9 } : t));
    expect(contentHash(signedContent(tampered))).not.toBe(contentHash(original));
  });

  it('should give another hash when a signed result was corrected', () => {
    const corrected = input();
    corrected.tests = corrected.tests.map((t) =>
      t.testCode === 'endotoxin'
        ? { ...t, correctedBy: 'user-qc2', correctedAt: new Date('2026-03-15T13:00:00.000Z'), correctionReason: 'transcription error' }
        : t,
    );
    expect(contentHash(signedContent(corrected))).not.toBe(contentHash(signedContent(input())));
  });

  it('should sign the results in test-code order when the orders come in any order', () => {
    const shuffled = input();
    shuffled.tests = [...shuffled.tests].reverse();
    expect(contentHash(signedContent(shuffled))).toBe(contentHash(signedContent(input())));
  });
});
