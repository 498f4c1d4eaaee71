import { Role } from '@mes/platform';

export const STAFF_ALERT_SEVERITIES = ['low', 'medium', 'high'] as const;
export type StaffAlertSeverity = (typeof STAFF_ALERT_SEVERITIES)[number];

export type StaffAlertKind =
  | 'account-locked'
  | 'lot-misuse'
  | 'material-use-refused'
  | 'timing-warning'
  | 'timing-missed'
  | 'deviation-open'
  | 'critical-deviation-closed'
  | 'outbox-row-abandoned'
  | 'dead-letter';

/** What the facility's staff are told about one event, before it is stored. */
export interface StaffAlertDraft {
  kind: StaffAlertKind;
  severity: StaffAlertSeverity;
  /** The roles that see it; a reader sees an alert when they hold at least one. */
  audience: Role[];
  title: string;
  body: string;
  /** The aggregate the alert is about (user, lot, batch or deviation id). */
  subjectId: string;
  batchId: string | null;
  lotNumber: string | null;
  stepCode: string | null;
  /** The event's facts, for a screen that wants more than the sentence. */
  details: Record<string, unknown>;
}

/** An alert as the API and the stream send it. */
export interface StaffAlertView {
  id: string;
  seq: number;
  kind: string;
  severity: StaffAlertSeverity;
  audience: Role[];
  title: string;
  body: string;
  subjectId: string;
  batchId: string | null;
  lotNumber: string | null;
  stepCode: string | null;
  details: Record<string, unknown>;
  sourceEventId: string;
  sourceEventType: string;
  occurredAt: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
}

/** Postgres channel woken (on commit) with the feed address ({ roles }) whenever an alert is stored. */
export const STAFF_ALERT_CHANNEL = 'staff_alert_created';
