import { AuthUser } from '@mes/platform';
import { assertMayPerform, assertMayVerify } from './signature-rules';

const operator: AuthUser = { id: 'u-op', username: 'operator', name: 'Olivia Operator', roles: ['operator'], clinicId: null };
const supervisor: AuthUser = {
  id: 'u-sup',
  username: 'supervisor',
  name: 'Sam Supervisor',
  roles: ['supervisor', 'operator'],
  clinicId: null,
};
const rule = {
  performerRoles: ['operator', 'supervisor'] as ('operator' | 'supervisor')[],
  verifierRequired: true,
  verifierRoles: ['supervisor' as const],
};

describe(assertMayVerify.name, () => {
  it('should refuse the performer verifying their own step', () => {
    expect(() => assertMayVerify(rule, { code: 'FILL' }, new Set(['u-sup']), supervisor)).toThrow(/cannot also verify/);
  });

  it('should refuse a supervisor who corrected the step, even though someone else performed it', () => {
    expect(() => assertMayVerify(rule, { code: 'FILL' }, new Set(['u-op', 'u-sup']), supervisor)).toThrow(/performed or corrected/);
  });

  it('should refuse a verifier without a verifier role', () => {
    expect(() => assertMayVerify(rule, { code: 'FILL' }, new Set(['u-sup']), operator)).toThrow(/verified by supervisor only/);
  });

  it('should accept another person with the verifier role', () => {
    expect(() => assertMayVerify(rule, { code: 'FILL' }, new Set(['u-op']), supervisor)).not.toThrow();
  });
});

describe(assertMayPerform.name, () => {
  it('should refuse a user without a performer role', () => {
    const qa: AuthUser = { ...operator, id: 'u-qa', roles: ['qa'] };
    expect(() => assertMayPerform(rule, 'FILL', qa)).toThrow(/performed by operator or supervisor only/);
  });

  it('should accept an operator', () => {
    expect(() => assertMayPerform(rule, 'FILL', operator)).not.toThrow();
  });
});

describe('formatSiteTime', () => {
  it('should show a UTC instant in the site time zone with its abbreviation', () => {
    const { formatSiteTime } = jest.requireActual(
      '../../signatures/signature-content',
    ) as typeof import('../../signatures/signature-content');
    // The abbreviation comes from ICU data: CET with full ICU, GMT+1 with reduced data.
    expect(formatSiteTime(new Date('2026-11-22T01:26:51Z'), 'Europe/Berlin')).toMatch(/^2026-11-22 02:26:51 (CET|GMT\+1)$/);
    expect(formatSiteTime(new Date('2026-07-01T12:00:00Z'), 'UTC')).toBe('2026-07-01 12:00:00 UTC');
  });
});
