import { Role } from '@mes/platform';

/** Facility staff who may look at materials and apheresis units; clinic users may not. */
export const STAFF_ROLES: Role[] = ['operator', 'supervisor', 'materials', 'qa', 'qc-analyst', 'admin'];
