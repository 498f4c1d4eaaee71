import { AuthUser, ForbiddenProblem, Role } from '@mes/platform';
import { acknowledgingClinic, readableClinic } from './clinic-scope';

const user = (roles: Role[], clinicId: string | null = null): AuthUser => ({ id: 'u1', username: 'u', name: 'U', roles, clinicId });

describe(readableClinic.name, () => {
  it('should scope a clinic user to their own clinic when no clinic is asked for', () => {
    expect(readableClinic(user(['clinic'], 'CLINIC-A'), undefined)).toBe('CLINIC-A');
  });

  it('should accept a clinic user naming their own clinic', () => {
    expect(readableClinic(user(['clinic'], 'CLINIC-A'), 'CLINIC-A')).toBe('CLINIC-A');
  });

  it("should refuse a clinic user asking for another clinic's notifications", () => {
    expect(() => readableClinic(user(['clinic'], 'CLINIC-A'), 'CLINIC-B')).toThrow(ForbiddenProblem);
  });

  it.each<Role>(['qa', 'supervisor', 'admin'])('should let %s read the clinic they name', (role) => {
    expect(readableClinic(user([role]), 'CLINIC-B')).toBe('CLINIC-B');
  });

  it('should give staff every clinic when they name none', () => {
    expect(readableClinic(user(['qa']), undefined)).toBeNull();
  });

  it.each<Role>(['operator', 'qc-analyst', 'materials'])('should refuse %s when they are neither clinic nor staff', (role) => {
    expect(() => readableClinic(user([role]), undefined)).toThrow(ForbiddenProblem);
  });
});

describe(acknowledgingClinic.name, () => {
  it("should return the clinic user's clinic when a clinic user acknowledges", () => {
    expect(acknowledgingClinic(user(['clinic'], 'CLINIC-B'))).toBe('CLINIC-B');
  });

  it('should refuse staff when they try to acknowledge for a clinic', () => {
    expect(() => acknowledgingClinic(user(['qa']))).toThrow(ForbiddenProblem);
  });
});
