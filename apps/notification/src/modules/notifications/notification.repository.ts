import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FeedPage, FeedStore, notifyFeed } from '../streaming/feed';
import { NotificationEntity } from './notification.entity';
import { NOTIFICATION_CHANNEL, NotificationDraft } from './notification.types';

export interface NewNotification extends Omit<NotificationDraft, 'stepCode'> {
  stepCode: string | null;
  clinicId: string;
  orderId: string | null;
  batchId: string | null;
  coi: string;
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: Date;
  createdAt: Date;
}

/** One clinic's notifications, or every clinic's (null: staff). */
type ClinicAudience = { clinicId: string | null };

// Held until commit by every transaction that inserts notifications, so seq order is commit order and a stream never skips a row.
const SEQ_LOCK_KEY = 73_110_004;

@Injectable()
export class NotificationRepository implements FeedStore<ClinicAudience, NotificationEntity> {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a notification once per source event and wakes the streams on commit; returns null if it already existed. */
  async insert(tx: EntityManager, n: NewNotification): Promise<NotificationEntity | null> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [SEQ_LOCK_KEY]);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({ id: randomUUID(), ...n, acknowledgedAt: null, acknowledgedBy: null })
      .orIgnore()
      .returning('*')
      .execute();
    if (result.raw.length === 0) return null;
    // NOTIFY inside the transaction is delivered only on commit, so no stream wakes for a rolled-back row.
    await notifyFeed(tx, NOTIFICATION_CHANNEL, { clinicId: n.clinicId });
    return tx.getRepository(NotificationEntity).findOneByOrFail({ id: result.raw[0].id });
  }

  list(audience: ClinicAudience, page: FeedPage, tx: EntityManager = this.dataSource.manager): Promise<NotificationEntity[]> {
    const q = tx.getRepository(NotificationEntity).createQueryBuilder('n').where('n.seq > :after', { after: page.afterSeq });
    if (audience.clinicId !== null) q.andWhere('n.clinic_id = :clinicId', { clinicId: audience.clinicId });
    if (page.unacknowledgedOnly) q.andWhere('n.acknowledged_at IS NULL');
    return q.orderBy('n.seq', 'ASC').limit(page.limit).getMany();
  }

  async latestSeq(audience: ClinicAudience, tx: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: { seq: string | null }[] = await tx.query(
      `SELECT max(seq)::text AS seq FROM notification WHERE ($1::text IS NULL OR clinic_id = $1)`,
      [audience.clinicId],
    );
    return row.seq ?? '0';
  }

  // Only a clinic acknowledges (it says a coordinator there has read it), so both need one clinic, never "every clinic".
  async findVisible(tx: EntityManager, id: string, audience: ClinicAudience): Promise<NotificationEntity | null> {
    return audience.clinicId === null ? null : tx.getRepository(NotificationEntity).findOneBy({ id, clinicId: audience.clinicId });
  }

  async acknowledge(tx: EntityManager, id: string, audience: ClinicAudience, by: { username: string }, at: Date): Promise<boolean> {
    if (audience.clinicId === null) return false;
    const result = await tx
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ acknowledgedAt: at, acknowledgedBy: by.username })
      .where('id = :id AND clinic_id = :clinicId AND acknowledged_at IS NULL', { id, clinicId: audience.clinicId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
