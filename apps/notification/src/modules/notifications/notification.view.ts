import { NotificationEntity } from './notification.entity';
import { NotificationView } from './notification.types';

export function toView(n: NotificationEntity): NotificationView {
  return {
    id: n.id,
    seq: Number(n.seq),
    clinicId: n.clinicId,
    kind: n.kind,
    severity: n.severity,
    title: n.title,
    body: n.body,
    orderId: n.orderId,
    batchId: n.batchId,
    coi: n.coi,
    stepCode: n.stepCode,
    sourceEventId: n.sourceEventId,
    sourceEventType: n.sourceEventType,
    occurredAt: n.occurredAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: n.acknowledgedBy,
  };
}
