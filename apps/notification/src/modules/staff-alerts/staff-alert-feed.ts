import { Injectable } from '@nestjs/common';
import { Clock, Role, UnitOfWork, staffFeedAudience } from '@mes/platform';
import { Feed } from '../streaming/feed';
import { FeedStreamService } from '../streaming/feed-stream.service';
import { StaffAlertEntity } from './staff-alert.entity';
import { StaffAlertRepository } from './staff-alert.repository';
import { STAFF_ALERT_CHANNEL, StaffAlertView } from './staff-alert.types';
import { toStaffAlertView } from './staff-alert.view';

/** The staff feed: each member of the facility's staff reads (and acknowledges) the alerts addressed to one of their roles. */
@Injectable()
export class StaffAlertFeed extends Feed<{ roles: readonly Role[] }, StaffAlertEntity, StaffAlertView> {
  constructor(alerts: StaffAlertRepository, streams: FeedStreamService, uow: UnitOfWork, clock: Clock) {
    const definition = { name: 'staff-alert', what: 'Staff alert', channel: STAFF_ALERT_CHANNEL, store: alerts, toView: toStaffAlertView };
    super({ ...definition, audienceOf: staffFeedAudience }, streams, uow, clock);
  }
}
