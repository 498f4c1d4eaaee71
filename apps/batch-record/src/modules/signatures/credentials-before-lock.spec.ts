import { AuthUser, SignatureInput } from '@mes/platform';
import { BatchesService } from '../batches/batches.service';
import { StepExecutionService } from '../batches/step-execution.service';
import { StepSignoffService } from '../batches/step-signoff.service';
import { DeviationService } from '../deviations/deviation.service';
import { MasterBatchRecordsService } from '../master-batch-records/master-batch-records.service';
import { ReviewService } from '../review/review.service';

const USER: AuthUser = { id: 'u-1', username: 'sam', name: 'Sam Supervisor', roles: ['supervisor', 'qa'], clinicId: null };
const SIGNATURE: SignatureInput = { password: 'wrong' };
const refused = new Error('signature-rejected');

/**
 * Every dependency of the service under test at once: identity refuses the credentials, the refusal guard runs its
 * work, and anything else touched (a transaction, a repository, a lock) is recorded: nothing may be, before the check.
 */
function dependencies() {
  const touched: string[] = [];
  const dep: object = new Proxy(
    {},
    {
      get: (_, name) => {
        if (name === 'then') return undefined;
        if (name === 'verify') return async () => Promise.reject(refused);
        if (name === 'guard') return (work: () => Promise<unknown>) => work();
        return (..._args: unknown[]) => {
          touched.push(String(name));
          return Promise.resolve(dep);
        };
      },
    },
  );
  return { touched, deps: Array.from({ length: 20 }, () => dep) };
}

type Construct = new (...deps: never[]) => object;
const cases: [string, Construct, (s: never) => Promise<unknown>][] = [
  [
    'complete a step',
    StepExecutionService,
    (s: StepExecutionService) => s.complete(USER, 't', 'b', 'S', { signature: SIGNATURE } as never),
  ],
  ['verify a step', StepSignoffService, (s: StepSignoffService) => s.verify(USER, 't', 'b', 'S', { signature: SIGNATURE })],
  ['decide on a step', StepSignoffService, (s: StepSignoffService) => s.decide(USER, 't', 'b', 'S', { signature: SIGNATURE } as never)],
  ['correct a step', StepSignoffService, (s: StepSignoffService) => s.correct(USER, 't', 'b', 'S', { signature: SIGNATURE } as never)],
  ['skip a step', StepSignoffService, (s: StepSignoffService) => s.skip(USER, 't', 'b', 'S', { signature: SIGNATURE } as never)],
  ['resume a batch', BatchesService, (s: BatchesService) => s.resume(USER, 't', 'b', 'reason', SIGNATURE)],
  ['return a review', ReviewService, (s: ReviewService) => s.returnForCorrection(USER, 't', 'b', 'reason', SIGNATURE)],
  ['complete a review', ReviewService, (s: ReviewService) => s.complete(USER, 't', 'b', SIGNATURE, null)],
  ['lower a deviation', DeviationService, (s: DeviationService) => s.update(USER, 't', 'd', { reason: 'r', signature: SIGNATURE })],
  ['close a deviation', DeviationService, (s: DeviationService) => s.close(USER, 't', 'd', SIGNATURE, null)],
  ['approve an MBR', MasterBatchRecordsService, (s: MasterBatchRecordsService) => s.approve(USER, 't', 'm', SIGNATURE, null)],
] as never;

describe('batch-record signing paths', () => {
  it.each(cases)('should check the credentials before any transaction or lock when signing to %s', async (_, Service, act) => {
    // Arrange
    const { touched, deps } = dependencies();
    const service = new Service(...(deps as never[]));

    // Act
    const outcome = act(service as never);

    // Assert
    await expect(outcome).rejects.toBe(refused);
    expect(touched).toEqual([]);
  });
});
