import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditEntry, AuditTrail } from '@mes/platform';

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

/** One record's entries from the platform audit trail's one history read, marked with their source for the merged lot view. */
@Injectable()
export class AuditHistoryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async forEntity(entity: InventoryAuditEntity, entityId: string): Promise<AuditHistoryEntry[]> {
    const entries = await this.audit.history(this.dataSource.manager, entity, entityId);
    return entries.map((e) => ({ source: 'platform_audit', ...e }));
  }
}

/** Every entity name inventory writes to the audit trail (`AuditTrail<…>` in constructors: a misspelt one does not compile). */
export type InventoryAuditEntity = (typeof AuditEntities)[keyof typeof AuditEntities];
export type InventoryAuditEntry = AuditEntry<InventoryAuditEntity>;
