import { AuthUser } from '../auth/auth';
import { ForbiddenProblem, NotFoundProblem } from '../http/problems';
import { assertVisible, canSee, viewerScope } from './viewer-scope';

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

describe(assertVisible.name, () => {
  const order = { id: 'o-1', clinicId: 'CLINIC-B' };

  it("should answer exactly the not-found problem of a missing id when the record is another clinic's", () => {
    // Act
    const hidden = catchProblem(() => assertVisible({ kind: 'clinic', clinicId: 'CLINIC-A' }, order, 'Order', 'o-1'));
    const missing = catchProblem(() => assertVisible({ kind: 'clinic', clinicId: 'CLINIC-A' }, null, 'Order', 'o-1'));

    // Assert
    expect(hidden).toBeInstanceOf(NotFoundProblem);
    expect(hidden).toEqual(missing);
    expect({ ...(hidden as object) }).toEqual({ ...(missing as object) });
  });

  it('should return the record when the scope sees it', () => {
    expect(assertVisible({ kind: 'clinic', clinicId: 'CLINIC-B' }, order, 'Order', 'o-1')).toBe(order);
    expect(assertVisible({ kind: 'all' }, order, 'Order', 'o-1')).toBe(order);
  });
});

function catchProblem(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a problem');
}
