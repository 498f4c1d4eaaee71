import { OrderEntity } from '../order.entity';

export interface OrderView {
  id: string;
  coi: string;
  clinicId: string;
  productCode: string;
  slotDate: string;
  clinicPatientRef: string | null;
  state: OrderEntity['state'];
  placedAt: string;
  placedBy: { id: string; name: string };
  apheresis: {
    bagId: string;
    collectedAt: string;
    receivedAt: string;
    receivedBy: { id: string; name: string };
    holdTimeHours: number;
    holdUntil: string;
  } | null;
}

export function toOrderView(o: OrderEntity): OrderView {
  const received = o.state !== 'placed' && o.apheresisCollectedAt && o.apheresisReceivedAt && o.apheresisHoldTimeHours !== null;
  return {
    id: o.id,
    coi: o.coi,
    clinicId: o.clinicId,
    productCode: o.productCode,
    slotDate: o.slotDate,
    clinicPatientRef: o.clinicPatientRef,
    state: o.state,
    placedAt: o.placedAt.toISOString(),
    placedBy: { id: o.placedById, name: o.placedByName },
    apheresis: received
      ? {
          bagId: o.apheresisBagId!,
          collectedAt: o.apheresisCollectedAt!.toISOString(),
          receivedAt: o.apheresisReceivedAt!.toISOString(),
          receivedBy: { id: o.apheresisReceivedById!, name: o.apheresisReceivedByName! },
          holdTimeHours: o.apheresisHoldTimeHours!,
          holdUntil: new Date(o.apheresisCollectedAt!.getTime() + o.apheresisHoldTimeHours! * 3_600_000).toISOString(),
        }
      : null,
  };
}
