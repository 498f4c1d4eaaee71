import { DataSourceOptions } from '@mes/platform';
import { ClinicBatchEntity } from '../modules/clinic-directory/clinic-batch.entity';
import { ClinicOrderEntity } from '../modules/clinic-directory/clinic-order.entity';
import { PendingEventEntity } from '../modules/clinic-directory/pending-event.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { StaffAlertEntity } from '../modules/staff-alerts/staff-alert.entity';
import { Notifications1763700400100 } from './migrations/1763700400100-notifications';
import { NotificationStepCode1763700400200 } from './migrations/1763700400200-notification-step-code';
import { StaffAlerts1763700400300 } from './migrations/1763700400300-staff-alerts';

export const notificationDataSourceOptions = (url: string): DataSourceOptions => ({
  url,
  applicationName: 'notification',
  entities: [ClinicOrderEntity, ClinicBatchEntity, PendingEventEntity, NotificationEntity, StaffAlertEntity],
  migrations: [Notifications1763700400100, NotificationStepCode1763700400200, StaffAlerts1763700400300],
});
