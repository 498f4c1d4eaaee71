import { Injectable, OnModuleInit } from '@nestjs/common';
import { EquipmentChangedV1, LotExpiredV1, LotQuantityChangedV1, LotReceivedV1, LotStatusChangedV1, LotThawedV1 } from '@mes/contracts';
import { EventConsumer } from '@mes/platform';
import { MaterialsService } from './materials.service';

/** Inventory lot and equipment events into the read models; the platform's inbox makes redelivery a no-op. */
@Injectable()
export class MaterialsConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly materials: MaterialsService,
  ) {}

  onModuleInit(): void {
    this.consumer.on(LotReceivedV1, (tx, event) => this.materials.lotReceived(tx, event.data));
    this.consumer.on(LotStatusChangedV1, (tx, event) => this.materials.lotStatusChanged(tx, event.data));
    this.consumer.on(LotThawedV1, (tx, event) => this.materials.lotThawed(tx, event.data));
    this.consumer.on(LotExpiredV1, (tx, event) => this.materials.lotExpired(tx, event.data));
    this.consumer.on(LotQuantityChangedV1, (tx, event) => this.materials.lotQuantityChanged(tx, event.data));
    this.consumer.on(EquipmentChangedV1, (tx, event) => this.materials.equipmentChanged(tx, event.data));
  }
}
