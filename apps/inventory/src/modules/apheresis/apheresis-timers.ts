/** Timer kinds owned by the apheresis module (no ':' allowed); the subject is the order id. */
export const ApheresisTimers = {
  holdWarning: 'apheresis-hold-warning',
  holdExpiry: 'apheresis-hold-expiry',
} as const;
