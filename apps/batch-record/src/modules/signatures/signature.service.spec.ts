import { EntityManager } from 'typeorm';
import { AuditTrail, AuthUser, SignatureVerification, SignatureVerifier } from '@mes/platform';
import { FakeClock } from '@mes/testing';
import { SignatureEntity } from './signature.entity';
import { SignatureRepository } from './signature.repository';
import { SignRequest, SignatureService } from './signature.service';

const OPERATOR: AuthUser = { id: 'u-op', username: 'operator', name: 'Olga Operator', roles: ['operator'], clinicId: null };
const tx = {} as EntityManager;
const verification = (userId: string): SignatureVerification => ({
  verified: true,
  userId,
  name: 'x',
  verifiedAt: '2026-06-01T08:00:00.000Z',
  firstInSession: true,
  confirmation: 'c-1',
});
const request: SignRequest = {
  signer: OPERATOR,
  subjectType: 'batch-step',
  subjectId: '00000000-0000-4000-8000-000000000001',
  batchId: null,
  meaning: 'performed',
  content: { b: 2, a: 1 },
};

function setUp() {
  const inserted: SignatureEntity[] = [];
  const confirmOnCommit = jest.fn();
  const verifier = { verify: jest.fn(async () => verification(OPERATOR.id)), confirmOnCommit } as unknown as SignatureVerifier;
  const repository = { insert: async (_: EntityManager, s: SignatureEntity) => void inserted.push(s) } as unknown as SignatureRepository;
  const audit = { change: jest.fn() } as unknown as AuditTrail;
  const service = new SignatureService(verifier, new FakeClock(), audit, repository, { SITE_TIME_ZONE: 'UTC' });
  return { service, inserted, confirmOnCommit };
}

describe(SignatureService.name, () => {
  it("should store the signature and leave identity's confirmation to the commit of the caller's transaction", async () => {
    // Arrange
    const { service, inserted, confirmOnCommit } = setUp();
    const signed = await service.verify('token-op', { password: 'pw', username: 'operator' });

    // Act
    await service.record(tx, signed, request);

    // Assert
    expect(inserted).toHaveLength(1);
    expect(inserted[0]).toMatchObject({ signerId: OPERATOR.id, meaning: 'performed', content: { a: 1, b: 2 } });
    expect(confirmOnCommit).toHaveBeenCalledWith(tx, 'token-op', verification(OPERATOR.id));
  });

  it('should refuse to record when identity verified someone other than the signer', async () => {
    // Arrange
    const { service, inserted, confirmOnCommit } = setUp();

    // Act
    const outcome = service.record(tx, { token: 't', verification: verification('u-someone-else') }, request);

    // Assert
    await expect(outcome).rejects.toThrow('not the signer');
    expect(inserted).toEqual([]);
    expect(confirmOnCommit).not.toHaveBeenCalled();
  });
});
