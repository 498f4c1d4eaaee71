import { StaffAlertEntity } from './staff-alert.entity';
import { StaffAlertView } from './staff-alert.types';

export function toStaffAlertView(a: StaffAlertEntity): StaffAlertView {
  return {
    id: a.id,
    seq: Number(a.seq),
    kind: a.kind,
    severity: a.severity,
    audience: a.audience,
    title: a.title,
    body: a.body,
    subjectId: a.subjectId,
    batchId: a.batchId,
    lotNumber: a.lotNumber,
    stepCode: a.stepCode,
    details: a.details,
    sourceEventId: a.sourceEventId,
    sourceEventType: a.sourceEventType,
    occurredAt: a.occurredAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedByName: a.acknowledgedByName,
  };
}
