import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { STAFF_ALERT_EVENTS } from './staff-alert-rules';
import { StaffAlertIntakeService } from './staff-alert-intake.service';

/** Every event that can alert staff (including mes.identity.user.v1 and every service's dead letters). */
@EventConsumer(...STAFF_ALERT_EVENTS)
export class StaffAlertConsumer {
  constructor(private readonly intake: StaffAlertIntakeService) {}

  @OnEvent(...STAFF_ALERT_EVENTS)
  alert(event: Consumed<(typeof STAFF_ALERT_EVENTS)[number]>, { tx }: EventContext) {
    return this.intake.handle(tx, event);
  }
}
