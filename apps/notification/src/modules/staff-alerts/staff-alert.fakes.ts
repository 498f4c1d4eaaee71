// In-memory stand-in for the staff_alert table, shared by the module's unit tests (not used at run time).
import { EntityManager } from 'typeorm';
import { Role } from '@mes/platform';
import { isAddressedTo } from './staff-alert-access';
import { StaffAlertEntity } from './staff-alert.entity';
import { NewStaffAlert, StaffAlertFilter } from './staff-alert.repository';

export class FakeStaffAlertRepository {
  readonly rows: StaffAlertEntity[] = [];

  async insert(_: EntityManager, alert: NewStaffAlert): Promise<StaffAlertEntity | null> {
    if (this.rows.some((r) => r.sourceEventId === alert.sourceEventId)) return null;
    const row: StaffAlertEntity = {
      ...alert,
      id: `00000000-0000-4000-8000-${String(this.rows.length + 1).padStart(12, '0')}`,
      seq: String(this.rows.length + 1),
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedByName: null,
    };
    this.rows.push(row);
    return { ...row };
  }

  async list(filter: StaffAlertFilter): Promise<StaffAlertEntity[]> {
    return this.rows
      .filter((r) => Number(r.seq) > Number(filter.afterSeq) && isAddressedTo(r.audience, filter.roles))
      .filter((r) => !filter.unacknowledgedOnly || r.acknowledgedAt === null)
      .slice(0, filter.limit)
      .map((r) => ({ ...r }));
  }

  async latestSeq(roles: readonly Role[]): Promise<string> {
    return this.rows.filter((r) => isAddressedTo(r.audience, roles)).at(-1)?.seq ?? '0';
  }

  async findVisible(_: EntityManager, id: string, roles: readonly Role[]): Promise<StaffAlertEntity | null> {
    const row = this.rows.find((r) => r.id === id && isAddressedTo(r.audience, roles));
    return row ? { ...row } : null;
  }

  async acknowledge(
    _: EntityManager,
    id: string,
    roles: readonly Role[],
    by: { username: string; name: string },
    at: Date,
  ): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && r.acknowledgedAt === null && isAddressedTo(r.audience, roles));
    if (!row) return false;
    Object.assign(row, { acknowledgedAt: at, acknowledgedBy: by.username, acknowledgedByName: by.name });
    return true;
  }
}
