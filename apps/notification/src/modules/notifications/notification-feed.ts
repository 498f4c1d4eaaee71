import { Injectable } from '@nestjs/common';
import { Clock, UnitOfWork, clinicFeedAudience } from '@mes/platform';
import { Feed } from '../streaming/feed';
import { FeedStreamService } from '../streaming/feed-stream.service';
import { NotificationEntity } from './notification.entity';
import { NotificationRepository } from './notification.repository';
import { NOTIFICATION_CHANNEL, NotificationView } from './notification.types';
import { toView } from './notification.view';

/** The clinic feed: a clinic reads (and acknowledges) its own notifications; QA, supervisors and admin follow any clinic. */
@Injectable()
export class NotificationFeed extends Feed<{ clinicId: string | null }, NotificationEntity, NotificationView> {
  constructor(notifications: NotificationRepository, streams: FeedStreamService, uow: UnitOfWork, clock: Clock) {
    const definition = { name: 'notification', what: 'Notification', channel: NOTIFICATION_CHANNEL, store: notifications, toView };
    super({ ...definition, audienceOf: clinicFeedAudience }, streams, uow, clock);
  }
}
