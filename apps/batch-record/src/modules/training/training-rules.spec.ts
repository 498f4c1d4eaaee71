import { RuleViolationProblem } from '@mes/platform';
import { assertTrained, trainingProblem } from './training-rules';

const now = new Date('2026-05-01T12:00:00Z');
const who = { username: 'trainee', name: 'Tom Trainee' };
const op = { code: 'OP-TRANSDUCTION', name: 'Lentiviral transduction' };

describe(assertTrained.name, () => {
  it('should refuse a user without a training record, naming the missing operation', () => {
    expect(() => assertTrained(null, who, op, 'perform', now)).toThrow(RuleViolationProblem);
    expect(() => assertTrained(null, who, op, 'perform', now)).toThrow(
      /no training record for operation OP-TRANSDUCTION \(Lentiviral transduction\)/,
    );
  });

  it('should refuse expired and revoked training', () => {
    expect(trainingProblem({ validUntil: new Date('2026-04-30T00:00:00Z'), revokedAt: null }, now)).toMatch(/expired/);
    expect(trainingProblem({ validUntil: new Date('2027-01-01T00:00:00Z'), revokedAt: new Date('2026-04-01T00:00:00Z') }, now)).toBe(
      'no training record',
    );
  });

  it('should accept valid training', () => {
    expect(() => assertTrained({ validUntil: new Date('2027-01-01T00:00:00Z'), revokedAt: null }, who, op, 'verify', now)).not.toThrow();
  });
});
