import { Injectable } from '@nestjs/common';
import { AuthUser, Clock, NotFoundProblem, UnitOfWork } from '@mes/platform';
import { ListStaffAlertsQuery } from './dto/staff-alert-query.dto';
import { staffAlertAudience } from './staff-alert-access';
import { StaffAlertRepository } from './staff-alert.repository';
import { StaffAlertView } from './staff-alert.types';
import { toStaffAlertView } from './staff-alert.view';

@Injectable()
export class StaffAlertService {
  constructor(
    private readonly alerts: StaffAlertRepository,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The alerts addressed to one of the caller's roles, oldest first; a client pages on with ?after=<last seq>. */
  async list(user: AuthUser, query: ListStaffAlertsQuery): Promise<StaffAlertView[]> {
    const roles = staffAlertAudience(user);
    const rows = await this.alerts.list({
      roles,
      afterSeq: query.after ?? '0',
      unacknowledgedOnly: query.unacknowledged,
      limit: query.limit,
    });
    return rows.map(toStaffAlertView);
  }

  /** Records who acknowledged and when; a repeat returns the first acknowledgement; an alert not addressed to the caller does not exist for them. */
  async acknowledge(user: AuthUser, id: string): Promise<StaffAlertView> {
    const roles = staffAlertAudience(user);
    return this.uow.run(async (tx) => {
      await this.alerts.acknowledge(tx, id, roles, { username: user.username, name: user.name }, this.clock.now());
      const alert = await this.alerts.findVisible(tx, id, roles);
      if (!alert) throw new NotFoundProblem('Staff alert', id);
      return toStaffAlertView(alert);
    });
  }
}
