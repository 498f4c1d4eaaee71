/** Every entity name identity writes to the audit trail (`AuditTrail<…>` in constructors: a misspelt one does not compile). */
export type IdentityAuditEntity = 'login' | 'signature-authentication' | 'signing-session' | 'user-account';
