/** Every entity name batch-record writes to the audit trail (`AuditTrail<…>` in constructors: a misspelt one does not compile). */
export type BatchRecordAuditEntity =
  | 'batch'
  | 'batch_step'
  | 'deviation'
  | 'identity_refusal'
  | 'master_batch_record'
  | 'material_refusal'
  | 'order'
  | 'signature'
  | 'step_correction'
  | 'timing_record'
  | 'training_record';
