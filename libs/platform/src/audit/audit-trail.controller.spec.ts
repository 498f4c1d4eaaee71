import { EntityManager } from 'typeorm';
import { AuditTrail } from './audit-trail';
import { AuditTrailController } from './audit-trail.controller';
import { declaredAccess } from '../access/access.decorators';

describe(AuditTrailController.name, () => {
  it('should be open to qa and admin only', () => {
    expect(declaredAccess(AuditTrailController, AuditTrailController.prototype.verify)).toEqual({ kind: 'roles', roles: ['qa', 'admin'] });
  });

  it('should answer a broken chain as a result, not an error', async () => {
    const broken = { ok: false as const, entries: 3, firstBrokenSeq: '2', reason: 'altered' };
    const manager = {} as EntityManager;
    const audit = { verify: jest.fn().mockResolvedValue(broken) } as unknown as AuditTrail;
    const controller = new AuditTrailController(audit, { manager } as never);

    await expect(controller.verify()).resolves.toEqual(broken);
    expect(audit.verify).toHaveBeenCalledWith(manager);
  });
});
