import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EquipmentChangedV1,
  EventData,
  LotExpiredV1,
  LotQuantityChangedV1,
  LotReceivedV1,
  LotStatusChangedV1,
  LotThawedV1,
} from '@mes/contracts';
import { Clock } from '@mes/platform';
import { EquipmentViewRepository } from './equipment-view.repository';
import { LotViewRepository } from './lot-view.repository';

/** Keeps the lot and equipment read models; every method runs inside the consumer's inbox transaction. */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly lots: LotViewRepository,
    private readonly equipment: EquipmentViewRepository,
    private readonly clock: Clock,
  ) {}

  lotReceived(tx: EntityManager, e: EventData<typeof LotReceivedV1>): Promise<void> {
    const lot = {
      lotId: e.lotId,
      materialCode: e.materialCode,
      status: e.status,
      expiresAt: new Date(e.expiresAt),
      quantity: e.quantity,
      unit: e.unit,
    };
    return this.lots.applyReceived(tx, lot, this.clock.now());
  }

  lotStatusChanged(tx: EntityManager, e: EventData<typeof LotStatusChangedV1>): Promise<void> {
    return this.lots.applyStatus(tx, { lotId: e.lotId, materialCode: e.materialCode, status: e.status }, this.clock.now());
  }

  lotThawed(tx: EntityManager, e: EventData<typeof LotThawedV1>): Promise<void> {
    return this.lots.applyThawed(
      tx,
      { lotId: e.lotId, materialCode: e.materialCode, thawedAt: new Date(e.thawedAt), useBy: new Date(e.useBy) },
      this.clock.now(),
    );
  }

  lotExpired(tx: EntityManager, e: EventData<typeof LotExpiredV1>): Promise<void> {
    return this.lots.applyExpired(tx, { lotId: e.lotId, materialCode: e.materialCode, reason: e.reason }, this.clock.now());
  }

  lotQuantityChanged(tx: EntityManager, e: EventData<typeof LotQuantityChangedV1>): Promise<void> {
    return this.lots.applyQuantity(tx, e, this.clock.now());
  }

  equipmentChanged(tx: EntityManager, e: EventData<typeof EquipmentChangedV1>): Promise<void> {
    return this.equipment.apply(
      tx,
      {
        equipmentId: e.equipmentId,
        assetTag: e.assetTag,
        type: e.type,
        name: e.name,
        status: e.status,
        calibrationDueAt: e.calibrationDueAt ? new Date(e.calibrationDueAt) : null,
        changedAt: new Date(e.changedAt),
      },
      this.clock.now(),
    );
  }
}
