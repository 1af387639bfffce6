import { defineRule, each, on } from '../rule';
import { str } from '../../synthesized/facts';
import { stringList } from '../../synthesized/model';

/** The policies that may offer an authenticator: enrollment (the rollout's and the org's default) and password. */
const OFFERING = ['okta_policy_mfa', 'okta_policy_mfa_default', 'okta_policy_password_default'];

export default defineRule({
  id: 'MFA-26',
  name: 'inactive-authenticator-after-policies',
  severity: 'error',
  title:
    'An INACTIVE authenticator is deactivated after every enrollment and password policy of the stack (depends_on)',
  why:
    'Okta refuses to deactivate an authenticator any policy still uses, the org default enrollment and password ' +
    '(recovery) policies included. Without the ordering Terraform may deactivate it first and the apply fails ' +
    'halfway (phone, security question).',
  source: 'okta/resource_okta_authenticator.go:39-41, :215-227 (deactivate)',
  fix: 'Create INACTIVE authenticators after the policies (OktaMfaRollout: RolloutAuthenticators.deactivateAfter).',
  check: (stack) => {
    const policies = OFFERING.flatMap((t) => stack.resources(t)).filter((p) => p.mode === 'resource');
    return each(
      stack.resources('okta_authenticator').filter((a) => str(a.attrs.status) === 'INACTIVE'),
      (a) => {
        const after = new Set(stringList(a.attrs.depends_on));
        const missing = policies.filter((p) => !after.has(p.address));
        return missing.length
          ? on(a, `INACTIVE but not ordered after ${missing.map((p) => p.address).join(', ')} (depends_on)`)
          : undefined;
      },
    );
  },
});
