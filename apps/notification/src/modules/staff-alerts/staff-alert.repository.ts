import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Role } from '@mes/platform';
import { FeedPage, FeedStore, notifyFeed } from '../streaming/feed';
import { StaffAlertEntity } from './staff-alert.entity';
import { STAFF_ALERT_CHANNEL, StaffAlertDraft } from './staff-alert.types';

export interface NewStaffAlert extends StaffAlertDraft {
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: Date;
  createdAt: Date;
}

/** The reader's roles: only alerts addressed to one of them. */
type RoleAudience = { roles: readonly Role[] };

// Held until commit by every transaction that inserts alerts, so seq order is commit order and a stream never skips a row.
const SEQ_LOCK_KEY = 73_110_005;

@Injectable()
export class StaffAlertRepository implements FeedStore<RoleAudience, StaffAlertEntity> {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores an alert once per source event and wakes the streams on commit; returns null if it already existed. */
  async insert(tx: EntityManager, alert: NewStaffAlert): Promise<StaffAlertEntity | null> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SEQ_LOCK_KEY]);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(StaffAlertEntity)
      // The JSON details are opaque to TypeORM's deep-partial type.
      .values({
        id: randomUUID(),
        ...alert,
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgedByName: null,
      } as QueryDeepPartialEntity<StaffAlertEntity>)
      .orIgnore()
      .returning('id')
      .execute();
    if (result.raw.length === 0) return null;
    // NOTIFY inside the transaction is delivered only on commit, so no stream wakes for a rolled-back row.
    await notifyFeed(tx, STAFF_ALERT_CHANNEL, { roles: alert.audience });
    return tx.getRepository(StaffAlertEntity).findOneByOrFail({ id: result.raw[0].id });
  }

  list({ roles }: RoleAudience, page: FeedPage, tx: EntityManager = this.dataSource.manager): Promise<StaffAlertEntity[]> {
    const q = tx
      .getRepository(StaffAlertEntity)
      .createQueryBuilder('a')
      .where('a.seq > :after', { after: page.afterSeq })
      .andWhere('a.audience && CAST(:roles AS text[])', { roles: [...roles] });
    if (page.unacknowledgedOnly) q.andWhere('a.acknowledged_at IS NULL');
    return q.orderBy('a.seq', 'ASC').limit(page.limit).getMany();
  }

  async latestSeq({ roles }: RoleAudience, tx: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: { seq: string | null }[] = await tx.query(`SELECT max(seq)::text AS seq FROM staff_alert WHERE audience && $1::text[]`, [
      [...roles],
    ]);
    return row.seq ?? '0';
  }

  findVisible(tx: EntityManager, id: string, { roles }: RoleAudience): Promise<StaffAlertEntity | null> {
    return tx
      .getRepository(StaffAlertEntity)
      .createQueryBuilder('a')
      .where('a.id = :id', { id })
      .andWhere('a.audience && CAST(:roles AS text[])', { roles: [...roles] })
      .getOne();
  }

  /** Marks it acknowledged unless it already is (or is not addressed to these roles); returns whether this call did it. */
  async acknowledge(
    tx: EntityManager,
    id: string,
    { roles }: RoleAudience,
    by: { username: string; name: string },
    at: Date,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(StaffAlertEntity)
      .set({ acknowledgedAt: at, acknowledgedBy: by.username, acknowledgedByName: by.name })
      .where('id = :id AND acknowledged_at IS NULL AND audience && CAST(:roles AS text[])', { id, roles: [...roles] })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
