import { AuthUser, ForbiddenProblem } from '@mes/platform';
import { canSee, viewerScope } from './viewer-scope';

const user = (over: Partial<AuthUser>): AuthUser => ({ id: 'u1', username: 'u', name: 'U', roles: ['operator'], clinicId: null, ...over });

describe(viewerScope.name, () => {
  it('should see everything when the caller is staff', () => {
    expect(viewerScope(user({ roles: ['qa'] }))).toEqual({ kind: 'all' });
  });

  it('should confine a clinic user to its clinic even when it also holds a staff role', () => {
    expect(viewerScope(user({ roles: ['clinic', 'operator'], clinicId: 'CLINIC-A' }))).toEqual({ kind: 'clinic', clinicId: 'CLINIC-A' });
  });

  it('should refuse when a clinic user has no clinic', () => {
    expect(() => viewerScope(user({ roles: ['clinic'], clinicId: null }))).toThrow(ForbiddenProblem);
  });
});

describe(canSee.name, () => {
  it('should hide another clinic from a clinic user', () => {
    expect(canSee({ kind: 'clinic', clinicId: 'CLINIC-A' }, 'CLINIC-B')).toBe(false);
    expect(canSee({ kind: 'clinic', clinicId: 'CLINIC-A' }, 'CLINIC-A')).toBe(true);
  });

  it('should show every clinic to staff', () => {
    expect(canSee({ kind: 'all' }, 'CLINIC-B')).toBe(true);
  });
});
