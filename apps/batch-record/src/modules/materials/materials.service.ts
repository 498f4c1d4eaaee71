import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventData, LotExpiredV1, LotReceivedV1, LotStatusChangedV1, LotThawedV1 } from '@mes/contracts';
import { Clock } from '@mes/platform';
import { LotViewRepository } from './lot-view.repository';

/** Keeps the lot read model; every method runs inside the consumer's inbox transaction. */
@Injectable()
export class MaterialsService {
  constructor(
    private readonly lots: LotViewRepository,
    private readonly clock: Clock,
  ) {}

  lotReceived(tx: EntityManager, e: EventData<typeof LotReceivedV1>): Promise<void> {
    return this.lots.applyReceived(tx, { lotId: e.lotId, materialCode: e.materialCode, status: e.status, expiresAt: new Date(e.expiresAt) }, this.clock.now());
  }

  lotStatusChanged(tx: EntityManager, e: EventData<typeof LotStatusChangedV1>): Promise<void> {
    return this.lots.applyStatus(tx, { lotId: e.lotId, materialCode: e.materialCode, status: e.status }, this.clock.now());
  }

  lotThawed(tx: EntityManager, e: EventData<typeof LotThawedV1>): Promise<void> {
    return this.lots.applyThawed(tx, { lotId: e.lotId, materialCode: e.materialCode, thawedAt: new Date(e.thawedAt), useBy: new Date(e.useBy) }, this.clock.now());
  }

  lotExpired(tx: EntityManager, e: EventData<typeof LotExpiredV1>): Promise<void> {
    return this.lots.applyExpired(tx, { lotId: e.lotId, materialCode: e.materialCode, reason: e.reason }, this.clock.now());
  }
}
