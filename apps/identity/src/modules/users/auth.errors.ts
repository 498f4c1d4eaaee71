import { Problem, RuleViolationProblem, UnauthorizedProblem } from '@mes/platform';
import { LOCK_REASON_TEXT, LockReason } from './account-lockout';

/** 423: the account is locked (21 CFR 11.300(d)), with the reason and how it ends: at `until` (a login lock) or by an administrator. */
export class AccountLockedProblem extends Problem {
  constructor(username: string, reason: LockReason, justNow = false, until: Date | null = null) {
    super(
      423,
      'account-locked',
      `${justNow ? 'Refused, and the account' : 'The account'} ${username} is ${justNow ? 'now ' : ''}locked (${reason}: ${LOCK_REASON_TEXT[reason]}); ${
        until ? `try again after ${until.toISOString()} or ask an administrator to unlock it` : 'an administrator must unlock it'
      }`,
      [{ field: 'account', reason: `locked: ${reason}` }],
    );
  }
}

/** A wrong password and a user name that is not the signer's are refused alike: nothing tells which one was wrong. */
export const signatureRejected = () =>
  new RuleViolationProblem('signature-rejected', 'The user name or password does not match the signer; nothing was signed', [
    { field: 'password', reason: 'does not match' },
  ]);

/** 21 CFR 11.200(a)(1)(i): the first signature of a session is executed with both components. */
export const usernameRequired = () =>
  new RuleViolationProblem(
    'signature-incomplete',
    'The first signature of a session needs the user name and the password; nothing was signed',
    [{ field: 'username', reason: 'is required at the first signature of a session' }],
  );

/** A signing confirmation that identity did not issue to this session, or too late: the session is not marked as signed. */
export const confirmationRefused = (reason: string) =>
  new RuleViolationProblem(
    'signature-confirmation-refused',
    `The signing confirmation ${reason}; the next signature needs the user name again`,
    [{ field: 'confirmation', reason }],
  );

export const loginRejected = () => new UnauthorizedProblem('unknown user or wrong password');
