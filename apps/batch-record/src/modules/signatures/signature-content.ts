export interface SignatureView {
  id: string;
  meaning: string;
  printedName: string;
  username: string;
  userId: string;
  signedAt: string;
  /** The same moment as the site shows it, e.g. "2026-11-22 02:26:51 CET" (Part 11 records are read locally). */
  signedAtSite: string;
  contentHash: string;
  comment: string | null;
  /** False when the record changed after it was signed: this signature no longer covers what is shown. */
  valid: boolean;
}

export function toSignatureView(
  s: {
    id: string;
    meaning: string;
    printedName: string;
    signerUsername: string;
    signerId: string;
    signedAt: Date;
    contentHash: string;
    comment: string | null;
  },
  currentHash: string,
  siteTimeZone = 'UTC',
): SignatureView {
  return {
    id: s.id,
    meaning: s.meaning,
    printedName: s.printedName,
    username: s.signerUsername,
    userId: s.signerId,
    signedAt: s.signedAt.toISOString(),
    signedAtSite: formatSiteTime(s.signedAt, siteTimeZone),
    contentHash: s.contentHash,
    comment: s.comment,
    valid: s.contentHash === currentHash,
  };
}

/** "2026-11-22 02:26:51 CET": the site's wall-clock time with its zone abbreviation. */
export function formatSiteTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}
