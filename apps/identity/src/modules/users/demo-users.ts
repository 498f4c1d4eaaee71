import { Role } from '@mes/platform';

/**
 * The default install's users, one per role (all with DEMO_PASSWORD); clinic users belong to a clinic. `trainee` is an
 * operator with no training record, `operator2` a second operator (e.g. for second-person verification).
 */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; clinicId: string | null }[] = [
  { username: 'operator', displayName: 'Olivia Operator', roles: ['operator'], clinicId: null },
  { username: 'operator2', displayName: 'Otto Operator-Two', roles: ['operator'], clinicId: null },
  { username: 'trainee', displayName: 'Tom Trainee', roles: ['operator'], clinicId: null },
  { username: 'supervisor', displayName: 'Sam Supervisor', roles: ['supervisor', 'operator'], clinicId: null },
  { username: 'qc', displayName: 'Quinn QC-Analyst', roles: ['qc-analyst'], clinicId: null },
  { username: 'qa', displayName: 'Alex QA-Person', roles: ['qa'], clinicId: null },
  { username: 'materials', displayName: 'Mia Materials', roles: ['materials'], clinicId: null },
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'], clinicId: null },
  { username: 'clinic-a', displayName: 'Dr. Ana Clinic-A', roles: ['clinic'], clinicId: 'CLINIC-A' },
  { username: 'clinic-b', displayName: 'Dr. Ben Clinic-B', roles: ['clinic'], clinicId: 'CLINIC-B' },
];
