import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor } from '@mes/platform';

/** The `entity` names inventory writes to the platform audit trail. */
export const AuditEntities = {
  lot: 'reagent_lot',
  equipment: 'equipment',
  equipmentCalibration: 'equipment_calibration',
  apheresisUnit: 'apheresis_unit',
} as const;

/** Changes made by inventory's own clocks (expiry, hold time), not by a person. */
export const SYSTEM_ACTOR: AuditActor = { id: 'system', name: 'inventory (automatic)' };

/** Events from other services name their user by username only; that is who acted. */
export const actorNamed = (username: string): AuditActor => ({ id: username, name: username });

export interface AuditHistoryEntry {
  source: 'platform_audit' | 'lot_audit';
  seq: string;
  occurredAt: string;
  actorId: string;
  actorName: string;
  action: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

interface PlatformAuditRow {
  seq: string;
  occurred_at: Date;
  actor_id: string;
  actor_name: string;
  action: string;
  old_value: unknown;
  new_value: unknown;
  reason: string | null;
}

/** Reads one record's entries from the hash-chained platform audit trail (the chain is verified by GET /audit-trail/verify). */
@Injectable()
export class AuditHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forEntity(entity: string, entityId: string): Promise<AuditHistoryEntry[]> {
    const rows: PlatformAuditRow[] = await this.dataSource.query(
      `SELECT seq, occurred_at, actor_id, actor_name, action, old_value, new_value, reason
       FROM platform_audit WHERE entity = $1 AND entity_id = $2 ORDER BY seq`,
      [entity, entityId],
    );
    return rows.map((r) => ({
      source: 'platform_audit',
      seq: String(r.seq),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      oldValue: r.old_value,
      newValue: r.new_value,
      reason: r.reason,
    }));
  }
}
