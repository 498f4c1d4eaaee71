import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Role } from '@mes/platform';
import { StaffAlertEntity } from './staff-alert.entity';
import { STAFF_ALERT_CHANNEL, StaffAlertDraft } from './staff-alert.types';

export interface NewStaffAlert extends StaffAlertDraft {
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: Date;
  createdAt: Date;
}

export interface StaffAlertFilter {
  /** The reader's roles: only alerts addressed to one of them. */
  roles: readonly Role[];
  afterSeq: string;
  unacknowledgedOnly: boolean;
  limit: number;
}

// Held until commit by every transaction that inserts alerts, so seq order is commit order and a stream never skips a row.
const SEQ_LOCK_KEY = 73_110_005;

@Injectable()
export class StaffAlertRepository {
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
    await tx.query(`SELECT pg_notify($1, $2)`, [STAFF_ALERT_CHANNEL, alert.audience.join(',')]);
    return tx.getRepository(StaffAlertEntity).findOneByOrFail({ id: result.raw[0].id });
  }

  list(filter: StaffAlertFilter, tx: EntityManager = this.dataSource.manager): Promise<StaffAlertEntity[]> {
    const q = tx
      .getRepository(StaffAlertEntity)
      .createQueryBuilder('a')
      .where('a.seq > :after', { after: filter.afterSeq })
      .andWhere('a.audience && CAST(:roles AS text[])', { roles: [...filter.roles] });
    if (filter.unacknowledgedOnly) q.andWhere('a.acknowledged_at IS NULL');
    return q.orderBy('a.seq', 'ASC').limit(filter.limit).getMany();
  }

  /** The newest seq a reader with these roles could see; a stream that names no starting point goes live from here. */
  async latestSeq(roles: readonly Role[], tx: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: { seq: string | null }[] = await tx.query(`SELECT max(seq)::text AS seq FROM staff_alert WHERE audience && $1::text[]`, [
      [...roles],
    ]);
    return row.seq ?? '0';
  }

  findVisible(tx: EntityManager, id: string, roles: readonly Role[]): Promise<StaffAlertEntity | null> {
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
    roles: readonly Role[],
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
