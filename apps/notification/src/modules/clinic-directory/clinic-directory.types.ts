/** What an event names to find its clinic: an order (inventory's apheresis events) or a batch (qc-release's events). */
export type SubjectKind = 'order' | 'batch';

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
}

/** Everything a notification needs to know about the patient's order, without any patient name. */
export interface ClinicContext {
  clinicId: string;
  coi: string;
  orderId: string;
  batchId: string | null;
  lotNumber: string | null;
}

export interface OrderMapping {
  orderId: string;
  clinicId: string;
  coi: string;
  slotDate: string | null;
}

export interface BatchMapping {
  batchId: string;
  orderId: string;
  clinicId: string;
  coi: string;
  lotNumber: string;
}
