export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type NotificationKind =
  | 'slot-confirmed'
  | 'apheresis-received'
  | 'manufacturing-started'
  | 'manufacturing-progress'
  | 'expected-release-date'
  | 'released'
  | 'rejected'
  | 'apheresis-hold-warning'
  | 'apheresis-hold-expired'
  | 'release-test-late';

/** What a clinic is told about one event, before it is stored. */
export interface NotificationDraft {
  kind: NotificationKind;
  severity: Severity;
  title: string;
  body: string;
  /** Set for manufacturing progress: the batch-record step it reports. */
  stepCode?: string;
}

/** A notification as the inbox API and the stream send it. */
export interface NotificationView {
  id: string;
  seq: number;
  clinicId: string;
  kind: string;
  severity: Severity;
  title: string;
  body: string;
  orderId: string | null;
  batchId: string | null;
  coi: string;
  stepCode: string | null;
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** Postgres channel woken (on commit) with the feed address ({ clinicId }) whenever a notification is stored. */
export const NOTIFICATION_CHANNEL = 'notification_created';
