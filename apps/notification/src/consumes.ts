import { EventDefinition } from '@mes/contracts';
import { NOTIFIED_EVENTS } from './modules/notifications/notification-routing';
import { STAFF_ALERT_EVENTS } from './modules/staff-alerts/staff-alert-rules';

/** Every event notification consumes: the boot stops unless each has its @OnEvent handler in a registered consumer, and each handler is listed. */
export const NOTIFICATION_CONSUMES: readonly EventDefinition[] = [...NOTIFIED_EVENTS, ...STAFF_ALERT_EVENTS];
