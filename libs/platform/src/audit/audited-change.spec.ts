import { EntityManager } from 'typeorm';
import { FakeClock } from '@mes/testing';
import { AuditEntry, AuditTrail } from './audit-trail';

type Entity = 'batch' | 'batch_step';

/** The real helper over a recorded append: what `change` turns into is exactly what `append` used to be given. */
function setUp() {
  const appended: AuditEntry<Entity>[] = [];
  const audit = new AuditTrail<Entity>(new FakeClock());
  jest.spyOn(audit, 'append').mockImplementation(async (_tx, entry) => void appended.push(entry));
  return { audit, appended };
}

const actor = { id: 'u-1', name: 'Olga Operator' };
const tx = {} as EntityManager;

describe('AuditTrail.change', () => {
  it('should record a create with the new value only when there is no before', async () => {
    const { audit, appended } = setUp();
    await audit.change(tx, { entity: 'batch', id: 'b-1', actor, after: { state: 'created' } });
    expect(appended).toEqual([{ actor, action: 'create', entity: 'batch', entityId: 'b-1', newValue: { state: 'created' } }]);
  });

  it('should record an update with old value, new value and reason when both are given', async () => {
    const { audit, appended } = setUp();
    await audit.change(tx, { entity: 'batch_step', id: 's-1', actor, before: { v: 1 }, after: { v: 2 }, reason: 'typo' });
    expect(appended).toEqual([
      { actor, action: 'update', entity: 'batch_step', entityId: 's-1', oldValue: { v: 1 }, newValue: { v: 2 }, reason: 'typo' },
    ]);
  });

  it('should record a delete when there is no after, and keep an explicitly named action', async () => {
    const { audit, appended } = setUp();
    await audit.change(tx, { entity: 'batch', id: 'b-1', actor, before: { state: 'x' } });
    await audit.change(tx, { entity: 'batch', id: 'b-2', actor, before: null, after: { state: 'y' }, action: 'create' });
    expect(appended.map((e) => e.action)).toEqual(['delete', 'create']);
    expect(appended[1]).toMatchObject({ oldValue: null, newValue: { state: 'y' } });
  });

  it('should record an update when before is given but unset, as append did for an undefined old value', async () => {
    const { audit, appended } = setUp();
    await audit.change(tx, { entity: 'batch', id: 'b-1', actor, before: undefined, after: { state: 'z' } });
    expect(appended[0].action).toBe('update');
  });
});
