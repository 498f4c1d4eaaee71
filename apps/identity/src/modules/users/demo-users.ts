import { Role } from '@mes/platform';

/** The default install's users, one per role; clinic users belong to a clinic. */
export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; clinicId: string | null }[] = [
  { username: 'operator', displayName: 'Olivia Operator', roles: ['operator'], clinicId: null },
  { username: 'supervisor', displayName: 'Sam Supervisor', roles: ['supervisor', 'operator'], clinicId: null },
  { username: 'qc', displayName: 'Quinn QC-Analyst', roles: ['qc-analyst'], clinicId: null },
  { username: 'qa', displayName: 'Alex QA-Person', roles: ['qa'], clinicId: null },
  { username: 'materials', displayName: 'Mia Materials', roles: ['materials'], clinicId: null },
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'], clinicId: null },
  { username: 'clinic-a', displayName: 'Dr. Ana Clinic-A', roles: ['clinic'], clinicId: 'CLINIC-A' },
  { username: 'clinic-b', displayName: 'Dr. Ben Clinic-B', roles: ['clinic'], clinicId: 'CLINIC-B' },
];
