import { readFileSync } from 'node:fs';
import { undeclaredRoutes, controllersOf } from '@mes/platform';
import { AUTHZ_MATRIX_PATH, MatrixService, SERVICE_MODULES, admits, renderAuthzMatrix, serviceRoutes } from './authz-matrix';

describe('authz matrix', () => {
  it('should match docs/authz-matrix.md, so QA reads what the guard enforces (run npm run authz:matrix when it does not)', () => {
    expect(readFileSync(AUTHZ_MATRIX_PATH, 'utf8')).toBe(renderAuthzMatrix());
  });

  it.each(Object.keys(SERVICE_MODULES) as MatrixService[])('should find every handler of %s declaring its access', (service) => {
    expect(undeclaredRoutes(controllersOf(SERVICE_MODULES[service]()))).toEqual([]);
  });

  it('should include the platform routes of every service (health is public, audit verification is QA and admin only)', () => {
    for (const service of Object.keys(SERVICE_MODULES) as MatrixService[]) {
      const routes = serviceRoutes(service);
      expect(routes.find((r) => r.path === '/health/live')?.access).toEqual({ kind: 'public' });
      expect(routes.find((r) => r.path === '/audit-trail/verify')?.access).toEqual({ kind: 'roles', roles: ['qa', 'admin'] });
    }
  });

  it('should keep clinic users off every route that does not name the clinic role, even when their token names a staff role', () => {
    const staffOnly = serviceRoutes('batch-record').find((r) => r.path === '/batches/:id/review' && r.method === 'GET')!;
    expect(admits(staffOnly, ['qa'])).toBe(true);
    expect(admits(staffOnly, ['clinic', 'qa'])).toBe(false);
    expect(admits(staffOnly, null)).toBe(false);
  });
});
