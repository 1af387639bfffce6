import { defineRule, each, on } from '../rule';
import { isFalse } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-11',
  name: 'signon-catch-all-denies',
  severity: 'error',
  title: "Every app sign-on policy sets catch_all = false, so Okta's default rule denies",
  why:
    "With catch_all unset the policy's built-in default rule allows access: a sign-in that matches " +
    "none of the tier's rules (a weaker factor, an unenrolled user) falls through to it and gets in.",
  source: 'okta provider docs: okta_app_signon_policy catch_all (applied only at creation)',
  fix:
    'Create the policy with catch_all = false and state every allowed path as an explicit ' +
    'rule. It is applied only at creation: a policy created otherwise must be replaced.',
  // Policies the stack creates; a looked-up one (data source: Okta's admin surfaces) keeps its own rules.
  check: (stack) =>
    each(
      stack.resources('okta_app_signon_policy').filter((p) => p.mode === 'resource'),
      (p) =>
        isFalse(p.attrs.catch_all)
          ? undefined
          : on(
              p,
              `catch_all = ${JSON.stringify(p.attrs.catch_all ?? 'unset')}: ` +
                `the default rule allows whatever no other rule matched`,
            ),
    ),
});
