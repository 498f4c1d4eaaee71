import { Inject, Injectable, LoggerService } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, parseEvent } from '@mes/contracts';
import { APP_LOGGER, Clock } from '@mes/platform';
import { ClinicDirectoryRepository } from '../clinic-directory/clinic-directory.repository';
import { ClinicContext } from '../clinic-directory/clinic-directory.types';
import { PendingEventRepository } from '../clinic-directory/pending-event.repository';
import { NotificationRepository } from './notification.repository';
import { contextOf, routeOf } from './notification-routing';
import { draftNotification } from './notification-templates';

/**
 * Turns consumed events into clinic notifications inside the consumer's transaction. Topics are not ordered
 * relative to each other, so an event whose order or batch is not known yet is parked, not lost, and is
 * notified in the transaction that learns its clinic.
 */
@Injectable()
export class NotificationIntakeService {
  constructor(
    private readonly directory: ClinicDirectoryRepository,
    private readonly pending: PendingEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: LoggerService,
  ) {}

  async handle(tx: EntityManager, event: EventEnvelope): Promise<void> {
    const route = routeOf(event);
    if (!route) return;
    await this.directory.lockSubject(tx, route.subject);

    if (route.learns) {
      if (route.learns.kind === 'order') await this.directory.learnOrder(tx, route.learns.mapping, this.clock.now());
      else await this.directory.learnBatch(tx, route.learns.mapping, this.clock.now());
      const context = contextOf(route.learns);
      await this.notify(tx, event, context);
      for (const parked of await this.pending.take(tx, route.subject)) {
        const parsed = parseEvent(parked);
        if (parsed.known) await this.notify(tx, parsed.envelope, context);
      }
      return;
    }

    const context = (await this.directory.findContext(tx, route.subject)) ?? route.named ?? null;
    if (!context) {
      await this.pending.park(tx, route.subject, event, this.clock.now());
      this.logger.log(
        { msg: 'event parked until its clinic is known', eventId: event.eventId, type: event.type, subject: route.subject },
        'NotificationIntake',
      );
      return;
    }
    await this.notify(tx, event, context);
  }

  private async notify(tx: EntityManager, event: EventEnvelope, context: ClinicContext): Promise<void> {
    const draft = draftNotification(event, context);
    if (!draft) return;
    await this.notifications.insert(tx, {
      ...draft,
      clinicId: context.clinicId,
      orderId: context.orderId,
      batchId: context.batchId,
      coi: context.coi,
      stepCode: draft.stepCode ?? null,
      sourceEventId: event.eventId,
      sourceEventType: event.type,
      occurredAt: new Date(event.occurredAt),
      createdAt: this.clock.now(),
    });
  }
}
