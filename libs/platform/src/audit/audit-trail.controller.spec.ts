import { EntityManager } from 'typeorm';
import { AuditTrail } from './audit-trail';
import { AuditTrailController } from './audit-trail.controller';
import { declaredAccess } from '../access/access.decorators';
import { FACILITY_ROLES } from '../access/roles';

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

  it('should open an entity history to facility staff and never to a clinic', () => {
    const access = declaredAccess(AuditTrailController, AuditTrailController.prototype.history);
    expect(access).toEqual({ kind: 'roles', roles: FACILITY_ROLES });
    expect(FACILITY_ROLES).not.toContain('clinic');
  });

  it("should answer one record's history from the audit trail", async () => {
    const entries = [{ seq: '7', action: 'update' }];
    const manager = {} as EntityManager;
    const audit = { history: jest.fn().mockResolvedValue(entries) } as unknown as AuditTrail;
    const controller = new AuditTrailController(audit, { manager } as never);

    await expect(controller.history('batch_step', 'step-1')).resolves.toBe(entries);
    expect(audit.history).toHaveBeenCalledWith(manager, 'batch_step', 'step-1');
  });
});
