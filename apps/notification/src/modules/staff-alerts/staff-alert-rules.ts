import {
  DeadLetterRecordedV1,
  DeviationChangedV1,
  EventDefinition,
  EventEnvelope,
  LotMisuseDetectedV1,
  MaterialUseRefusedV1,
  OutboxRowAbandonedV1,
  TimingAlertV1,
  UserLockedV1,
  isEvent,
} from '@mes/contracts';
import { Role } from '@mes/platform';
import { StaffAlertDraft } from './staff-alert.types';

/** Every event that can raise a staff alert; the consumer subscribes to exactly these. */
export const STAFF_ALERT_EVENTS: readonly EventDefinition[] = [
  UserLockedV1,
  LotMisuseDetectedV1,
  MaterialUseRefusedV1,
  TimingAlertV1,
  DeviationChangedV1,
  DeadLetterRecordedV1,
  OutboxRowAbandonedV1,
];

const QA_SUPERVISOR: Role[] = ['qa', 'supervisor'];
const LOCK_CAUSE = { 'failed-signatures': 'failed signatures', 'failed-logins': 'failed logins' } as const;

/** The alert an event raises for the facility's staff, or null when it raises none. */
export function draftStaffAlert(event: EventEnvelope): StaffAlertDraft | null {
  if (isEvent(event, UserLockedV1)) {
    const d = event.data;
    return {
      kind: 'account-locked',
      severity: 'high',
      audience: ['qa', 'admin', 'supervisor'],
      title: `Account locked: ${d.displayName} (${d.username})`,
      body:
        `Locked at ${d.lockedAt} after ${d.failedAttempts} consecutive ${LOCK_CAUSE[d.reason]}. ` +
        'Check who made the attempts before an administrator unlocks the account.',
      subjectId: d.userId,
      batchId: null,
      lotNumber: null,
      stepCode: null,
      details: { ...d },
    };
  }
  if (isEvent(event, LotMisuseDetectedV1)) {
    const d = event.data;
    return {
      kind: 'lot-misuse',
      severity: 'high',
      audience: QA_SUPERVISOR,
      title: `Unusable ${d.materialCode} lot used in step ${d.stepCode}`,
      body: `Lot ${d.lotId} was used at ${d.usedAt} although it was not usable: ${d.reason}. Release of the batch is blocked until QA assesses it.`,
      subjectId: d.lotId,
      batchId: d.batchId,
      lotNumber: null,
      stepCode: d.stepCode,
      details: { ...d },
    };
  }
  if (isEvent(event, MaterialUseRefusedV1)) {
    const d = event.data;
    const lots = d.lots.map((l) => `${l.materialCode} lot ${l.lotId} (${l.reason})`).join('; ');
    return {
      kind: 'material-use-refused',
      severity: 'medium',
      // Nothing was consumed: materials checks the lot and its labelling, QA sees the attempt before review.
      audience: ['materials', 'qa'],
      title: `Unusable lot refused at step ${d.stepCode} (${d.lotNumber})`,
      body: `${d.refusedBy} scanned ${lots} at ${d.refusedAt}; the step was refused and nothing was consumed.`,
      subjectId: d.refusalId,
      batchId: d.batchId,
      lotNumber: d.lotNumber,
      stepCode: d.stepCode,
      details: { ...d },
    };
  }
  if (isEvent(event, TimingAlertV1)) {
    const d = event.data;
    const what = d.constraintKind === 'hold' ? 'Hold time' : 'Time window';
    const missed = d.level === 'missed';
    return {
      kind: missed ? 'timing-missed' : 'timing-warning',
      severity: missed ? 'high' : 'medium',
      audience: ['operator', 'supervisor'],
      title: `${what} ${missed ? 'missed' : 'closing'}: ${d.stepName} (${d.lotNumber})`,
      body: missed
        ? `The ${what.toLowerCase()} ${d.constraintCode} of step ${d.stepName} closed at ${d.dueAt}${d.deviationId ? '; a deviation was opened' : ''}.`
        : `The ${what.toLowerCase()} ${d.constraintCode} of step ${d.stepName} closes at ${d.dueAt}.`,
      subjectId: d.batchId,
      batchId: d.batchId,
      lotNumber: d.lotNumber,
      stepCode: d.stepCode,
      details: { ...d },
    };
  }
  if (isEvent(event, DeviationChangedV1)) {
    const d = event.data;
    const open = d.state === 'open';
    // Critical deviations alert on every change; a major one while it is open (opened, reopened or raised to major).
    if (!(d.classification === 'critical' || (open && d.classification === 'major'))) return null;
    return {
      kind: open ? 'deviation-open' : 'critical-deviation-closed',
      severity: !open ? 'low' : d.classification === 'critical' ? 'high' : 'medium',
      audience: QA_SUPERVISOR,
      title: `${d.classification === 'critical' ? 'Critical' : 'Major'} deviation ${d.number} ${open ? 'open' : 'closed'}: ${d.title}`,
      body: `${d.number} (${d.classification}, ${d.source}${d.stepCode ? `, step ${d.stepCode}` : ''}) is ${d.state}; changed by ${d.changedBy} at ${d.changedAt}.`,
      subjectId: d.deviationId,
      batchId: d.batchId,
      lotNumber: null,
      stepCode: d.stepCode,
      details: { ...d },
    };
  }
  if (isEvent(event, DeadLetterRecordedV1)) {
    const d = event.data;
    const what = d.eventType ? `${d.eventType} v${d.eventVersion}` : `a message on ${d.sourceTopic}`;
    return {
      kind: 'dead-letter',
      severity: 'high',
      // Admins run the dead-letter command; QA must know a fact may be missing from a batch record or release.
      audience: ['admin', 'qa'],
      title: `${d.service} could not process ${what}`,
      body:
        `Dead-lettered after ${d.attempts} attempt(s): ${d.reason}. ` +
        `Inspect it with \`npm run dead-letters -- ${d.service} show ${d.deadLetterId}\`, then replay or discard it.`,
      subjectId: d.deadLetterId,
      batchId: null,
      lotNumber: null,
      stepCode: null,
      details: { ...d },
    };
  }
  if (isEvent(event, OutboxRowAbandonedV1)) {
    const d = event.data;
    return {
      kind: 'outbox-row-abandoned',
      severity: 'high',
      audience: ['admin'],
      title: `Event not delivered: ${d.eventType} from ${d.service}`,
      body:
        `Kafka refused outbox row ${d.outboxSeq} (${d.topic}, key ${d.messageKey}) ${d.attempts} times: ${d.lastError}. ` +
        'Later events of the same key wait until an administrator retries or discards it with the outbox command.',
      subjectId: d.eventId,
      batchId: null,
      lotNumber: null,
      stepCode: null,
      details: { ...d },
    };
  }
  return null;
}
