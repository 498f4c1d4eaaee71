import { AuditActor } from '@mes/platform';

/** The `entity` names qc-release writes to the platform audit trail. */
export const AuditEntities = {
  testOrder: 'qc_test_order',
  disposition: 'qc_disposition',
} as const;

/** Changes qc-release makes by itself (orders from a step event, overdue alerts), not by a person. */
export const SYSTEM_ACTOR: AuditActor = { id: 'system', name: 'qc-release (automatic)' };

/** Every entity name qc-release writes to the audit trail (`AuditTrail<…>` in constructors: a misspelt one does not compile). */
export type QcReleaseAuditEntity = (typeof AuditEntities)[keyof typeof AuditEntities];
