import { AuthUser, ForbiddenProblem, Role } from '@mes/platform';
import { isAddressedTo, staffAlertAudience } from './staff-alert-access';

const user = (roles: Role[], clinicId: string | null = null): AuthUser => ({ id: 'u-1', username: 'x', name: 'X', roles, clinicId });

describe(staffAlertAudience.name, () => {
  it('should return the staff roles of the caller when they hold any', () => {
    // Act / Assert
    expect(staffAlertAudience(user(['supervisor', 'operator']))).toEqual(['supervisor', 'operator']);
  });

  it.each([
    ['a clinic user', user(['clinic'], 'CLINIC-A')],
    ['a clinic user who also holds a staff role', user(['clinic', 'qa'], 'CLINIC-A')],
  ])('should refuse %s with 403', (_, caller) => {
    // Act / Assert
    expect(() => staffAlertAudience(caller)).toThrow(ForbiddenProblem);
  });
});

describe(isAddressedTo.name, () => {
  it.each([
    [['qa', 'supervisor'], ['supervisor', 'operator'], true],
    [['qa', 'supervisor'], ['operator'], false],
    [['operator', 'supervisor'], ['operator'], true],
    [['qa', 'admin', 'supervisor'], ['qc-analyst', 'materials'], false],
  ] as [Role[], Role[], boolean][])('should tell whether an alert for %j is for a reader with %j', (audience, roles, expected) => {
    // Act / Assert
    expect(isAddressedTo(audience, roles)).toBe(expected);
  });
});
