import { AuthUser } from '../auth/auth';
import { ForbiddenProblem } from '../http/problems';
import { FeedAddress, FeedAudience, clinicFeedAudience, receives, staffFeedAudience } from './feed-audience';
import { Role } from './roles';

const user = (roles: Role[], clinicId: string | null = null): AuthUser => ({ id: 'u1', username: 'u', name: 'U', roles, clinicId });

describe(clinicFeedAudience.name, () => {
  it('should scope a clinic user to their own clinic when no clinic is asked for', () => {
    expect(clinicFeedAudience(user(['clinic'], 'CLINIC-A'))).toEqual({ clinicId: 'CLINIC-A' });
  });

  it('should accept a clinic user naming their own clinic', () => {
    expect(clinicFeedAudience(user(['clinic'], 'CLINIC-A'), 'CLINIC-A')).toEqual({ clinicId: 'CLINIC-A' });
  });

  it.each([
    ['another clinic', user(['clinic'], 'CLINIC-A')],
    ['another clinic while also holding a staff role', user(['clinic', 'qa'], 'CLINIC-A')],
  ])("should refuse a clinic user asking for %s's notifications", (_, caller) => {
    expect(() => clinicFeedAudience(caller, 'CLINIC-B')).toThrow(ForbiddenProblem);
  });

  it.each<Role>(['qa', 'supervisor', 'admin'])('should let %s read the clinic they name', (role) => {
    expect(clinicFeedAudience(user([role]), 'CLINIC-B')).toEqual({ clinicId: 'CLINIC-B' });
  });

  it('should give staff every clinic when they name none', () => {
    expect(clinicFeedAudience(user(['qa']))).toEqual({ clinicId: null });
  });

  it.each<Role>(['operator', 'qc-analyst', 'materials'])('should refuse %s when they are neither clinic nor clinic-feed staff', (role) => {
    expect(() => clinicFeedAudience(user([role]))).toThrow(ForbiddenProblem);
  });
});

describe(staffFeedAudience.name, () => {
  it('should return the staff roles of the caller when they hold any', () => {
    expect(staffFeedAudience(user(['supervisor', 'operator']))).toEqual({ roles: ['supervisor', 'operator'] });
  });

  it.each([
    ['a clinic user', user(['clinic'], 'CLINIC-A')],
    ['a clinic user who also holds a staff role', user(['clinic', 'qa'], 'CLINIC-A')],
  ])('should refuse %s with 403', (_, caller) => {
    expect(() => staffFeedAudience(caller)).toThrow(ForbiddenProblem);
  });
});

describe(receives.name, () => {
  it.each([
    [{ roles: ['supervisor', 'operator'] }, { roles: ['qa', 'supervisor'] }, true],
    [{ roles: ['operator'] }, { roles: ['qa', 'supervisor'] }, false],
    [{ roles: ['operator'] }, { roles: ['operator', 'supervisor'] }, true],
    [{ roles: ['qc-analyst', 'materials'] }, { roles: ['qa', 'admin', 'supervisor'] }, false],
    [{ clinicId: 'CLINIC-A' }, { clinicId: 'CLINIC-A' }, true],
    [{ clinicId: 'CLINIC-A' }, { clinicId: 'CLINIC-B' }, false],
    [{ clinicId: null }, { clinicId: 'CLINIC-B' }, true],
    [{ clinicId: null }, { roles: ['qa'] }, false],
    [{ roles: ['qa'] }, { clinicId: 'CLINIC-A' }, false],
  ] as [FeedAudience, FeedAddress, boolean][])('should tell whether a reader %j receives an item for %j', (audience, address, expected) => {
    expect(receives(audience, address)).toBe(expected);
  });
});
