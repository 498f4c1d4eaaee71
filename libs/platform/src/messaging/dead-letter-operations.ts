import { EntityManager } from 'typeorm';
import { AuditActor, AuditTrail } from '../audit/audit-trail';
import { Clock } from '../clock/clock';
import { UnitOfWork } from '../database/data-source';
import { DeadLetter, DeadLetterRepository, DeadLetterState } from './dead-letters';
import { EventTransport } from './event-transport';

export class DeadLetterError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What an operator does with a dead letter. A replay runs the stored message through the consumer's own path
 * (inbox guard, handler, same transaction) and marks it replayed in that transaction; a discard only marks it.
 * Both are written to the audit trail with who and why.
 */
export class DeadLetterOperations {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly deadLetters: DeadLetterRepository,
    private readonly transport: EventTransport,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  list(state?: DeadLetterState): Promise<DeadLetter[]> {
    return this.unitOfWork.run((tx) => this.deadLetters.list(tx, state));
  }

  show(id: string): Promise<DeadLetter> {
    return this.unitOfWork.run(async (tx) => this.pending(await this.find(tx, id), false));
  }

  /** Applies the message once (a replay of an event already applied changes nothing) or throws why it still fails. */
  replay(id: string, actor: AuditActor, why: string): Promise<{ deadLetter: DeadLetter; outcome: 'applied' | 'already-applied' }> {
    return this.unitOfWork.run(async (tx) => {
      const deadLetter = this.pending(await this.find(tx, id), true);
      const outcome = await this.transport.applyInTransaction(tx, {
        topic: deadLetter.topic,
        partition: deadLetter.partition,
        offset: deadLetter.offset,
        key: deadLetter.key,
        value: deadLetter.value,
        headers: deadLetter.headers,
      });
      await this.resolve(tx, deadLetter, 'replayed', actor, why, { outcome });
      return { deadLetter, outcome };
    });
  }

  discard(id: string, actor: AuditActor, why: string): Promise<DeadLetter> {
    return this.unitOfWork.run(async (tx) => {
      const deadLetter = this.pending(await this.find(tx, id), true);
      await this.resolve(tx, deadLetter, 'discarded', actor, why, {});
      return deadLetter;
    });
  }

  private async find(tx: EntityManager, id: string): Promise<DeadLetter> {
    if (!UUID.test(id)) throw new DeadLetterError(`'${id}' is not a dead-letter id (a UUID)`);
    const deadLetter = await this.deadLetters.lock(tx, id);
    if (!deadLetter) throw new DeadLetterError(`No dead letter ${id}`);
    return deadLetter;
  }

  private pending(deadLetter: DeadLetter, mustBePending: boolean): DeadLetter {
    if (mustBePending && deadLetter.state !== 'pending') {
      throw new DeadLetterError(
        `Dead letter ${deadLetter.id} is already ${deadLetter.state} (by ${deadLetter.resolvedBy}: ${deadLetter.resolutionReason})`,
      );
    }
    return deadLetter;
  }

  private async resolve(
    tx: EntityManager,
    deadLetter: DeadLetter,
    state: 'replayed' | 'discarded',
    actor: AuditActor,
    why: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.deadLetters.resolve(tx, deadLetter.id, state, actor.id, why, this.clock.now());
    await this.audit.append(tx, {
      actor,
      action: 'update',
      entity: 'dead-letter',
      entityId: deadLetter.id,
      oldValue: { state: deadLetter.state },
      newValue: { state, ...extra },
      reason: why,
    });
  }
}
