import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import { SystemClock } from '../clock/clock';
import { DataSourceOptions, createDataSource } from './data-source';
import { OUTBOX_CHANNEL } from './outbox';

export interface StuckOutboxRow {
  seq: string;
  eventId: string;
  eventType: string;
  topic: string;
  messageKey: string;
  attempts: number;
  lastError: string | null;
  abandonedAt: string | null;
  /** Later rows of the same key that wait behind this one. */
  waiting: number;
}

export interface OperatorDecision {
  by: string;
  reason: string;
}

export class OutboxAdminError extends Error {}

/** An operator's view of outbox rows Kafka refused, and the two ways out of them; each change is audited with who and why. */
export class OutboxAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /** Rows Kafka has refused at least once and that are neither published nor discarded, oldest first. */
  async list(): Promise<StuckOutboxRow[]> {
    const rows: {
      seq: string;
      event_id: string;
      event_type: string;
      topic: string;
      message_key: string;
      attempts: number;
      last_error: string | null;
      abandoned_at: Date | null;
      waiting: number;
    }[] = await this.dataSource.query(
      `SELECT o.seq, o.event_id, o.event_type, o.topic, o.message_key, o.attempts, o.last_error, o.abandoned_at,
         (SELECT count(*)::int FROM platform_outbox w WHERE w.message_key = o.message_key AND w.seq > o.seq
            AND w.published_at IS NULL AND w.discarded_at IS NULL) AS waiting
       FROM platform_outbox o WHERE o.attempts > 0 AND o.published_at IS NULL AND o.discarded_at IS NULL ORDER BY o.seq`,
    );
    return rows.map((r) => ({
      seq: String(r.seq),
      eventId: r.event_id,
      eventType: r.event_type,
      topic: r.topic,
      messageKey: r.message_key,
      attempts: r.attempts,
      lastError: r.last_error,
      abandonedAt: r.abandoned_at ? new Date(r.abandoned_at).toISOString() : null,
      waiting: r.waiting,
    }));
  }

  /** Gives an abandoned row a fresh set of attempts (e.g. after the broker's size limit was raised). */
  retry(seq: string, decision: OperatorDecision): Promise<void> {
    return this.change(seq, decision, `attempts = 0, abandoned_at = NULL`, 'retry');
  }

  /** Gives up on a row for good so its key's later rows flow; consumers will see the gap in the aggregate's sequence. */
  discard(seq: string, decision: OperatorDecision): Promise<void> {
    return this.change(seq, decision, `discarded_at = now()`, 'discard');
  }

  private async change(seq: string, decision: OperatorDecision, set: string, action: 'retry' | 'discard'): Promise<void> {
    if (!/^\d+$/.test(seq)) throw new OutboxAdminError(`seq must be a number, got "${seq}"`);
    if (!decision.by.trim() || !decision.reason.trim()) throw new OutboxAdminError('--by and --reason are required');
    await this.dataSource.transaction(async (tx: EntityManager) => {
      const [before]: {
        attempts: number;
        abandoned_at: Date | null;
        last_error: string | null;
        event_type: string;
        message_key: string;
      }[] = await tx.query(
        `SELECT attempts, abandoned_at, last_error, event_type, message_key FROM platform_outbox
           WHERE seq = $1 AND published_at IS NULL AND discarded_at IS NULL FOR UPDATE`,
        [seq],
      );
      if (!before) throw new OutboxAdminError(`outbox row ${seq} is not waiting (unknown, published or discarded)`);
      if (action === 'retry' && !before.abandoned_at)
        throw new OutboxAdminError(`outbox row ${seq} is not abandoned; the relay still retries it`);
      await tx.query(`UPDATE platform_outbox SET ${set} WHERE seq = $1`, [seq]);
      await this.audit.append(tx, {
        actor: { id: decision.by, name: decision.by },
        action: 'update',
        entity: 'platform-outbox-row',
        entityId: seq,
        oldValue: {
          eventType: before.event_type,
          messageKey: before.message_key,
          attempts: before.attempts,
          abandonedAt: before.abandoned_at,
          lastError: before.last_error,
        },
        newValue: action === 'retry' ? { attempts: 0, abandonedAt: null } : { discarded: true },
        reason: `${action}: ${decision.reason}`,
      });
      await tx.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    });
  }
}

const USAGE =
  'usage: outbox list | outbox retry <seq> --by <operator> --reason <why> | outbox discard <seq> --by <operator> --reason <why>';

/** The operator command every service ships (`node outbox.js …`): prints JSON lines, exits 0 on success, 2 on a refused command. */
export async function runOutboxCommand(options: DataSourceOptions, argv: string[]): Promise<never> {
  const [command, seq] = argv;
  const flag = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? (argv[at + 1] ?? '') : '';
  };
  const ds = await createDataSource(options).initialize();
  let code = 0;
  try {
    const admin = new OutboxAdmin(ds, new AuditTrail(new SystemClock()));
    if (command === 'list') {
      for (const row of await admin.list()) process.stdout.write(JSON.stringify(row) + '\n');
    } else if (command === 'retry' || command === 'discard') {
      await admin[command](seq ?? '', { by: flag('by'), reason: flag('reason') });
      process.stdout.write(
        JSON.stringify({ service: options.applicationName, msg: `outbox row ${command === 'retry' ? 'retried' : 'discarded'}`, seq }) +
          '\n',
      );
    } else {
      throw new OutboxAdminError(USAGE);
    }
  } catch (error) {
    if (!(error instanceof OutboxAdminError)) throw error;
    process.stderr.write(`${error.message}\n`);
    code = 2;
  } finally {
    await ds.destroy();
  }
  process.exit(code);
}
