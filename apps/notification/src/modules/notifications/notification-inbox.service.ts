import { Injectable } from '@nestjs/common';
import { AuthUser, Clock, NotFoundProblem, UnitOfWork } from '@mes/platform';
import { ListNotificationsQuery } from './dto/notification-query.dto';
import { NotificationRepository } from './notification.repository';
import { NotificationView } from './notification.types';
import { toView } from './notification.view';
import { acknowledgingClinic, readableClinic } from './clinic-scope';

@Injectable()
export class NotificationInboxService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Oldest first; a client pages on by passing the last seq it got as ?after=. */
  async list(user: AuthUser, query: ListNotificationsQuery): Promise<NotificationView[]> {
    const clinicId = readableClinic(user, query.clinicId);
    const rows = await this.notifications.list({
      clinicId,
      afterSeq: query.after ?? '0',
      unacknowledgedOnly: query.unacknowledged,
      limit: query.limit,
    });
    return rows.map(toView);
  }

  /** Idempotent: a second acknowledgement returns the first one unchanged; another clinic's notification does not exist for the caller. */
  acknowledge(user: AuthUser, id: string): Promise<NotificationView> {
    const clinicId = acknowledgingClinic(user);
    return this.uow.run(async (tx) => {
      await this.notifications.acknowledge(tx, id, clinicId, user.username, this.clock.now());
      const notification = await this.notifications.findInClinic(tx, id, clinicId);
      if (!notification) throw new NotFoundProblem('Notification', id);
      return toView(notification);
    });
  }
}
