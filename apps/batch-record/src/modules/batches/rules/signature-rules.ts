import { AuthUser, RuleViolationProblem } from '@mes/platform';
import { StepDefinition } from '../../master-batch-records/mbr-schema';

type Rule = StepDefinition['signature'];

/** The performer needs one of the MBR step's performer roles (training is checked separately). */
export function assertMayPerform(rule: Rule, stepCode: string, user: AuthUser): void {
  const allowed = rule.performerRoles as string[];
  if (!user.roles.some((r) => allowed.includes(r))) {
    throw new RuleViolationProblem('performer-role', `Step ${stepCode} may be performed by ${allowed.join(' or ')} only`, [
      { field: 'user', reason: `lacks role ${allowed.join('/')}` },
    ]);
  }
}

/**
 * Second-person verification: never someone who entered or corrected the step's data (`authors`: user ids of its
 * performed and corrected signatures), and only someone holding one of the step's verifier roles.
 */
export function assertMayVerify(rule: Rule, step: { code: string }, authors: ReadonlySet<string>, user: AuthUser): void {
  if (authors.has(user.id)) {
    throw new RuleViolationProblem('self-verification', `${user.name} performed or corrected step ${step.code} and cannot also verify it`, [
      { field: 'user', reason: 'performed or corrected this step' },
    ]);
  }
  const roles = (rule.verifierRoles ?? []) as string[];
  if (!user.roles.some((r) => roles.includes(r))) {
    throw new RuleViolationProblem('verifier-role', `Step ${step.code} may be verified by ${roles.join(' or ')} only`, [
      { field: 'user', reason: `lacks role ${roles.join('/')}` },
    ]);
  }
}
