import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import { allows, constraintsOf, requiresPhishingResistant } from '../../synthesized/facts';
import { ADMIN_SURFACES } from '../../domain/okta/admin-surfaces';
import { ReadModel } from '../../synthesized/read-model';

/** Environments whose stacks must carry the Admin Console rule (when they run an MFA rollout). */
const REQUIRED_IN = ['staging', 'prod'];

export default defineRule({
  id: 'MFA-13',
  name: 'admin-surfaces-phishing-resistant',
  severity: 'error',
  title:
    "Okta's own admin surfaces (Admin Console, Dashboard) get a phishing-resistant rule on their existing " +
    'policy; staging and prod always have one on the Admin Console',
  why:
    'Whoever phishes an Okta administrator owns every app behind Okta. The Admin Console keeps its own ' +
    "authentication policy: the rollout's tiers never apply to it, so without a rule there any factor gets an " +
    'admin in. A rule that names no group or lets a weaker factor through leaves the same hole.',
  source:
    'Okta docs: Phishing-resistant authentication for admins ("Okta Admin Console" authentication policy); ' +
    'okta provider v4.20.0 okta/data_source_okta_app_signon_policy.go:31-53 (the policy is looked up, not created)',
  fix:
    'Set identity.mfa.adminSurfaces (groups, breakGlass) in the environment: the stack adds a rule requiring ' +
    "phishing-resistant possession to the Admin Console's existing policy (and the Dashboard's with `dashboard`).",
  check: (stack) => {
    const surfaces = ReadModel.of(stack).adminSurfaces;
    const required = REQUIRED_IN.includes(stack.environment ?? '') && stack.has('okta_policy_mfa');
    if (surfaces.length === 0 && !required) return NOT_APPLICABLE;
    const findings: RuleFinding[] = [];
    const console = surfaces.find((s) => s.label === ADMIN_SURFACES['admin-console']);
    if (required && !console?.rules.some(allows))
      findings.push({
        address: stack.stackName,
        message:
          `${stack.environment} runs an MFA rollout but has no rule on the ${ADMIN_SURFACES['admin-console']}'s ` +
          'policy: set identity.mfa.adminSurfaces',
      });
    for (const s of surfaces) {
      const allowing = s.rules.filter(allows);
      if (allowing.length === 0) findings.push(on(s.policy, `${s.label}: the stack adds no allow rule to its policy`));
      for (const rule of allowing) {
        const constraints = constraintsOf(rule);
        if (constraints.length === 0 || constraints.some((c) => !c.value || !requiresPhishingResistant(c.value)))
          findings.push(on(rule, `${s.label}: an allow rule that does not require phishing-resistant possession`));
        if (rule.attrs.factor_mode === '1FA')
          findings.push(on(rule, `${s.label}: factor_mode 1FA (the phishing-resistant factor must be a second one)`));
      }
    }
    return verdict(findings);
  },
});
