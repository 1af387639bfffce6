import { defineRule, NOT_APPLICABLE, verdict, type RuleFinding } from '../rule';
import { describeLockOut, lockOuts, signInApps } from '../../simulator/lockout';
import { SimStack } from '../../simulator/stack';

export default defineRule({
  id: 'MFA-15',
  name: 'no-lockout',
  severity: 'error',
  title:
    'No group is locked out: every group assigned to a user-facing app, and on the admin surfaces every group a ' +
    'rule names (Everyone, the break-glass group) or the stack gives an admin role, can sign in, in an ordinary ' +
    'context, with authenticators it can enroll',
  why:
    'A rule that no enrollable authenticator satisfies (a managed device nobody has, FIDO2 not enrollable, a ' +
    'catch-all DENY behind a rule that never matches) locks people out on the next apply: of an app, or of the ' +
    'Okta Admin Console itself, with nobody left to undo it: administrators and the break-glass accounts are ' +
    'checked against the rules that admit them, with what their own enrollment policies let them enroll.',
  source:
    'simulator/lockout.ts over the access simulator (weakestSignIn, issue 15); Okta docs: authentication policy ' +
    'evaluation, authenticator enrollment policies',
  fix:
    'Let the group enroll an authenticator the rule accepts (identity.mfa.authenticators), relax the rule, or ' +
    'stop assigning the group to the app. `npm run simulate -- --env <env> --group <group> --app <app> --route ' +
    '<route>` shows the trace of a user-facing app.',
  check: (stack) => {
    if (signInApps(SimStack.of(stack)).length === 0) return NOT_APPLICABLE;
    return verdict(lockOuts(stack).map((l): RuleFinding => ({ address: l.address, message: describeLockOut(l) })));
  },
});
