import { OrderPlacedV1 } from '@mes/contracts';
import { z } from 'zod';
import { UnitOfWork, defineTimer } from '@mes/platform';
import { automock } from './automock';
import { platformTwin } from './platform.twin';

const ORDER = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const placed = {
  orderId: ORDER,
  coi: 'COI-AB12-CD34',
  clinicId: 'CLINIC-A',
  productCode: 'CART',
  slotDate: '2026-03-05',
  placedBy: 'coordinator',
};
const actor = { id: 'u1', name: 'Una' };
const empty = z.object({}).strict();
const SlotReminder = defineTimer({ kind: 'slot-reminder', payload: empty });
const K = defineTimer({ kind: 'k', payload: empty });
const Warn = defineTimer({ kind: 'warn', payload: empty });
const Expire = defineTimer({ kind: 'expire', payload: empty });
const Orphan = defineTimer({ kind: 'orphan', payload: empty });
const Counted = defineTimer({ kind: 'counted', payload: z.object({ count: z.number().int() }).strict() });

describe('platformTwin', () => {
  it('should keep the outbox, audit and timer effects of a run when its work returns', async () => {
    // Arrange
    const p = platformTwin();

    // Act
    await p.uow.run(async (tx) => {
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
      await p.audit.append(tx, { actor, action: 'create', entity: 'order', entityId: ORDER, newValue: { state: 'placed' } });
      await p.timers.schedule(tx, SlotReminder, { subjectId: ORDER, dueAt: new Date('2026-03-02T08:00:00Z') });
    });

    // Assert
    expect(p.outbox.of(OrderPlacedV1)).toEqual([placed]);
    expect(p.audit.of('order', ORDER)).toHaveLength(1);
    expect(p.timers.pending('slot-reminder')).toHaveLength(1);
    expect(p.uow.commits).toBe(1);
  });

  it('should discard every effect of a run and rethrow when its work throws', async () => {
    // Arrange
    const p = platformTwin();
    const store = { rows: ['kept'] };
    p.uow.track({ snapshot: () => [...store.rows], restore: (rows: string[]) => (store.rows = rows) });
    await p.uow.run(async (tx) => p.timers.schedule(tx, K, { subjectId: 'a', dueAt: new Date('2026-03-02T08:00:00Z') }));

    // Act
    const run = p.uow.run(async (tx) => {
      store.rows.push('lost');
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
      await p.audit.append(tx, { actor, action: 'create', entity: 'order', entityId: ORDER });
      await p.timers.cancel(tx, K, 'a', 'gone');
      throw new Error('refused');
    });

    // Assert
    await expect(run).rejects.toThrow('refused');
    expect(p.outbox.recorded).toEqual([]);
    expect(p.audit.entries).toEqual([]);
    expect(p.timers.pending('k')).toHaveLength(1);
    expect(store.rows).toEqual(['kept']);
    expect(p.uow.rollbacks).toBe(1);
  });

  it('should stamp gapless per-subject sequences, giving back the numbers of a rolled-back run', async () => {
    // Arrange
    const p = platformTwin();
    const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    await p.uow.run(async (tx) => {
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
      await p.outbox.append(tx, OrderPlacedV1, { ...placed, orderId: OTHER }, { subject: OTHER });
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
    });
    const refused = p.uow.run(async (tx) => {
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
      await p.outbox.append(tx, OrderPlacedV1, placed, { subject: ORDER });
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');

    // Act
    const next = await p.outbox.append(p.tx, OrderPlacedV1, placed, { subject: ORDER });

    // Assert
    const sequences = p.outbox.recorded.map((e) => [e.subject, e.envelope.sequence]);
    expect(sequences).toEqual([
      [ORDER, 1],
      [OTHER, 1],
      [ORDER, 2],
      [ORDER, 3],
    ]);
    expect(next.sequence).toBe(3);
  });

  it('should refuse an event when its data breaks the contract', async () => {
    // Arrange
    const p = platformTwin();

    // Act
    const append = p.outbox.append(p.tx, OrderPlacedV1, { ...placed, coi: 'not-a-coi' }, { subject: ORDER });

    // Assert
    await expect(append).rejects.toThrow();
    expect(p.outbox.recorded).toEqual([]);
  });

  it('should fail the spec when a service queries the transaction directly', async () => {
    // Arrange
    const p = platformTwin();

    // Act
    const run = p.uow.run(async (tx) => tx.query('SELECT 1'));

    // Assert
    await expect(run).rejects.toThrow('.query called in a unit spec');
  });

  it('should stamp audit entries and events with the clock at the call', async () => {
    // Arrange
    const p = platformTwin({ now: '2026-04-01T10:00:00.000Z' });

    // Act
    const event = await p.outbox.append(p.tx, OrderPlacedV1, placed, { subject: ORDER });
    p.clock.advance(1_000);
    await p.audit.append(p.tx, { actor, action: 'update', entity: 'order', entityId: ORDER });

    // Assert
    expect(event.occurredAt).toBe('2026-04-01T10:00:00.000Z');
    expect(p.audit.entries[0].at.toISOString()).toBe('2026-04-01T10:00:01.000Z');
  });
});

describe('TimersTwin', () => {
  it('should fire only the timers due by then, in due order, each once, when fireDue is called', async () => {
    // Arrange
    const p = platformTwin({ now: '2026-03-01T08:00:00.000Z' });
    const fired: string[] = [];
    p.timers.handle(Warn, async (_tx, t) => void fired.push(t.subjectId));
    for (const [subjectId, at] of [
      ['late', '2026-03-01T12:00:00Z'],
      ['early', '2026-03-01T09:00:00Z'],
      ['later', '2026-03-03T00:00:00Z'],
    ])
      await p.timers.schedule(p.tx, Warn, { subjectId, dueAt: new Date(at) });

    // Act
    await p.timers.fireDue(new Date('2026-03-01T12:00:00Z'));
    await p.timers.fireDue(new Date('2026-03-01T12:00:00Z'));

    // Assert
    expect(fired).toEqual(['early', 'late']);
    expect(p.timers.pending('warn').map((t) => t.subjectId)).toEqual(['later']);
  });

  it('should keep a timer pending and undo its handler effects when the handler throws', async () => {
    // Arrange
    const p = platformTwin();
    p.timers.handle(Expire, async (tx) => {
      await p.audit.append(tx, { actor, action: 'update', entity: 'lot', entityId: 'L1' });
      throw new Error('handler failed');
    });
    await p.timers.schedule(p.tx, Expire, { subjectId: 'L1', dueAt: p.clock.now() });

    // Act
    const fire = p.timers.fireDue();

    // Assert
    await expect(fire).rejects.toThrow('handler failed');
    expect(p.timers.pending('expire')).toHaveLength(1);
    expect(p.audit.entries).toEqual([]);
  });

  it('should fail when a due timer has no handler', async () => {
    // Arrange
    const p = platformTwin();
    await p.timers.schedule(p.tx, Orphan, { subjectId: 'x', dueAt: p.clock.now() });

    // Act / Assert
    await expect(p.timers.fireDue()).rejects.toThrow('No handler for timer kind orphan');
  });

  it('should refuse to schedule a timer when its payload does not match the definition', async () => {
    // Arrange
    const p = platformTwin();

    // Act
    const scheduled = p.timers.schedule(p.tx, Counted, {
      subjectId: 'x',
      dueAt: p.clock.now(),
      payload: { count: 'one' as unknown as number },
    });

    // Assert
    await expect(scheduled).rejects.toThrow(/Timer kind counted: payload does not match its definition \(count: /);
    expect(p.timers.timers).toEqual([]);
  });

  it('should hand the handler the parsed payload when the timer fires', async () => {
    // Arrange
    const p = platformTwin();
    const seen: number[] = [];
    p.timers.handle(Counted, async (_tx, t) => void seen.push(t.payload.count));
    await p.timers.schedule(p.tx, Counted, { subjectId: 'x', dueAt: p.clock.now(), payload: { count: 3 } });

    // Act
    await p.timers.fireDue();

    // Assert
    expect(seen).toEqual([3]);
  });
});

describe(automock.name, () => {
  it('should throw naming the class and method when an unstubbed method is called', () => {
    // Arrange
    const uow = automock(UnitOfWork);

    // Act / Assert
    expect(() => uow.run(async () => 1)).toThrow('unexpected call UnitOfWork.run(Function)');
  });

  it('should answer with the stub when a method is stubbed', async () => {
    // Arrange
    const uow = automock(UnitOfWork, { run: async () => 'stubbed' as never });

    // Act
    const value = await uow.run(async () => 'real');

    // Assert
    expect(value).toBe('stubbed');
    expect(uow.run).toHaveBeenCalledTimes(1);
  });

  it('should refuse a stub for a method the class does not have', () => {
    // Act / Assert
    expect(() => automock(UnitOfWork, { nope: async () => 1 } as never)).toThrow('UnitOfWork has no method nope');
  });
});
