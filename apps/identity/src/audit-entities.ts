import { AuditTrail } from '@mes/platform';

/** Every entity name identity writes to the audit trail: a misspelt one does not compile. */
export type IdentityAuditEntity = 'login' | 'signature-authentication' | 'signing-session' | 'user-account';

export type IdentityAudit = AuditTrail<IdentityAuditEntity>;
