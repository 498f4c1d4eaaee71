import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

export interface NotificationFilter {
  /** null = every clinic (staff). */
  clinicId: string | null;
  afterSeq: string;
  unacknowledgedOnly: boolean;
  limit: number;
}

// Held until commit by every transaction that inserts notifications, so seq order is commit order and a stream never skips a row.
const SEQ_LOCK_KEY = 73_110_004;

@Injectable()
export class NotificationRepository {
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
    await tx.query(`SELECT pg_notify($1, $2)`, [NOTIFICATION_CHANNEL, n.clinicId]);
    return tx.getRepository(NotificationEntity).findOneByOrFail({ id: result.raw[0].id });
  }

  list(filter: NotificationFilter, tx: EntityManager = this.dataSource.manager): Promise<NotificationEntity[]> {
    const q = tx.getRepository(NotificationEntity).createQueryBuilder('n').where('n.seq > :after', { after: filter.afterSeq });
    if (filter.clinicId !== null) q.andWhere('n.clinic_id = :clinicId', { clinicId: filter.clinicId });
    if (filter.unacknowledgedOnly) q.andWhere('n.acknowledged_at IS NULL');
    return q.orderBy('n.seq', 'ASC').limit(filter.limit).getMany();
  }

  /** The newest seq a reader of this scope could see; a stream that names no starting point goes live from here. */
  async latestSeq(clinicId: string | null, tx: EntityManager = this.dataSource.manager): Promise<string> {
    const [row]: { seq: string | null }[] = await tx.query(
      `SELECT max(seq)::text AS seq FROM notification WHERE ($1::text IS NULL OR clinic_id = $1)`,
      [clinicId],
    );
    return row.seq ?? '0';
  }

  findInClinic(tx: EntityManager, id: string, clinicId: string): Promise<NotificationEntity | null> {
    return tx.getRepository(NotificationEntity).findOneBy({ id, clinicId });
  }

  /** Marks it acknowledged unless it already is; returns whether this call did it. */
  async acknowledge(tx: EntityManager, id: string, clinicId: string, by: string, at: Date): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ acknowledgedAt: at, acknowledgedBy: by })
      .where('id = :id AND clinic_id = :clinicId AND acknowledged_at IS NULL', { id, clinicId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
