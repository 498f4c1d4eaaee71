import { createHash } from 'node:crypto';
import { canonicalJson, toJsonValue } from '@mes/platform';

/** The hash a signature binds to: canonical JSON, so key order and jsonb round trips never change it. */
export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(toJsonValue(content))).digest('hex');
}

export interface SignatureView {
  id: string;
  meaning: string;
  printedName: string;
  username: string;
  userId: string;
  signedAt: string;
  contentHash: string;
  comment: string | null;
  /** False when the record changed after it was signed: this signature no longer covers what is shown. */
  valid: boolean;
}

export function toSignatureView(
  s: { id: string; meaning: string; printedName: string; signerUsername: string; signerId: string; signedAt: Date; contentHash: string; comment: string | null },
  currentHash: string,
): SignatureView {
  return {
    id: s.id,
    meaning: s.meaning,
    printedName: s.printedName,
    username: s.signerUsername,
    userId: s.signerId,
    signedAt: s.signedAt.toISOString(),
    contentHash: s.contentHash,
    comment: s.comment,
    valid: s.contentHash === currentHash,
  };
}
