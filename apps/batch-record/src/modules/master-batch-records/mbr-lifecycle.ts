import { MbrStatus } from './mbr.entity';

export type MbrTransition = 'submit' | 'approve' | 'make-effective' | 'retire' | 'return-to-draft';

/** Which transition is allowed from which status; superseding is a side effect of making the next version effective. */
const ALLOWED: Record<MbrTransition, readonly MbrStatus[]> = {
  submit: ['draft'],
  'return-to-draft': ['in-review'],
  approve: ['in-review'],
  'make-effective': ['approved'],
  retire: ['draft', 'in-review', 'approved', 'effective'],
};

export const TARGET: Record<MbrTransition, MbrStatus> = {
  submit: 'in-review',
  'return-to-draft': 'draft',
  approve: 'approved',
  'make-effective': 'effective',
  retire: 'retired',
};

export function mbrTransitionError(status: MbrStatus, transition: MbrTransition): string | null {
  return ALLOWED[transition].includes(status)
    ? null
    : `cannot ${transition} a version that is ${status} (allowed from: ${ALLOWED[transition].join(', ')})`;
}
