/** Timer kinds owned by the lots module (no ':' allowed). */
export const LotTimers = {
  shelfLife: 'lot-shelf-life',
  useByAfterThaw: 'thawed-lot-use-by',
} as const;
