// In-memory stand-in for the staff_alert table, shared by the module's unit tests (not used at run time).
import { EntityManager } from 'typeorm';
import { Role, receives } from '@mes/platform';
import { FeedPage } from '../streaming/feed';
import { StaffAlertEntity } from './staff-alert.entity';
import { NewStaffAlert } from './staff-alert.repository';

type Audience = { roles: readonly Role[] };
const addressedTo = (row: StaffAlertEntity, audience: Audience) => receives(audience, { roles: row.audience });

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

  async list(audience: Audience, page: FeedPage): Promise<StaffAlertEntity[]> {
    return this.rows
      .filter((r) => Number(r.seq) > Number(page.afterSeq) && addressedTo(r, audience))
      .filter((r) => !page.unacknowledgedOnly || r.acknowledgedAt === null)
      .slice(0, page.limit)
      .map((r) => ({ ...r }));
  }

  async latestSeq(audience: Audience): Promise<string> {
    return this.rows.filter((r) => addressedTo(r, audience)).at(-1)?.seq ?? '0';
  }

  async findVisible(_: EntityManager, id: string, audience: Audience): Promise<StaffAlertEntity | null> {
    const row = this.rows.find((r) => r.id === id && addressedTo(r, audience));
    return row ? { ...row } : null;
  }

  async acknowledge(_: EntityManager, id: string, audience: Audience, by: { username: string; name: string }, at: Date): Promise<boolean> {
    const row = this.rows.find((r) => r.id === id && r.acknowledgedAt === null && addressedTo(r, audience));
    if (!row) return false;
    Object.assign(row, { acknowledgedAt: at, acknowledgedBy: by.username, acknowledgedByName: by.name });
    return true;
  }
}
