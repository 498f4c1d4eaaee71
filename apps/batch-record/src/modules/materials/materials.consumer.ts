import { EquipmentChangedV1, LotExpiredV1, LotQuantityChangedV1, LotReceivedV1, LotStatusChangedV1, LotThawedV1 } from '@mes/contracts';
import { Consumed, EventConsumer, EventContext, OnEvent } from '@mes/platform';
import { MaterialsService } from './materials.service';

/** Inventory lot and equipment events into the read models; the platform's inbox makes redelivery a no-op. */
@EventConsumer(LotReceivedV1, LotStatusChangedV1, LotThawedV1, LotExpiredV1, LotQuantityChangedV1, EquipmentChangedV1)
export class MaterialsConsumer {
  constructor(private readonly materials: MaterialsService) {}

  @OnEvent(LotReceivedV1)
  lotReceived(event: Consumed<typeof LotReceivedV1>, { tx }: EventContext) {
    return this.materials.lotReceived(tx, event.data);
  }

  @OnEvent(LotStatusChangedV1)
  lotStatusChanged(event: Consumed<typeof LotStatusChangedV1>, { tx }: EventContext) {
    return this.materials.lotStatusChanged(tx, event.data);
  }

  @OnEvent(LotThawedV1)
  lotThawed(event: Consumed<typeof LotThawedV1>, { tx }: EventContext) {
    return this.materials.lotThawed(tx, event.data);
  }

  @OnEvent(LotExpiredV1)
  lotExpired(event: Consumed<typeof LotExpiredV1>, { tx }: EventContext) {
    return this.materials.lotExpired(tx, event.data);
  }

  @OnEvent(LotQuantityChangedV1)
  lotQuantityChanged(event: Consumed<typeof LotQuantityChangedV1>, { tx }: EventContext) {
    return this.materials.lotQuantityChanged(tx, event.data);
  }

  @OnEvent(EquipmentChangedV1)
  equipmentChanged(event: Consumed<typeof EquipmentChangedV1>, { tx }: EventContext) {
    return this.materials.equipmentChanged(tx, event.data);
  }
}
