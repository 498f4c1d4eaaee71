import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { NOTIFIED_EVENTS } from './notification-routing';
import { NotificationIntakeService } from './notification-intake.service';

/** Every event a clinic must hear about; inbox de-dup is the platform's. */
@EventConsumer(...NOTIFIED_EVENTS)
export class NotificationConsumer {
  constructor(private readonly intake: NotificationIntakeService) {}

  @OnEvent(...NOTIFIED_EVENTS)
  notify(event: Consumed<(typeof NOTIFIED_EVENTS)[number]>, { tx }: EventContext) {
    return this.intake.handle(tx, event);
  }
}
