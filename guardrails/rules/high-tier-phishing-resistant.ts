import { defineRule, each, on, type RuleFinding } from '../rule';
import { isObject } from '../../synthesized/model';
import { allows, constraintsOf, requiresPhishingResistant, tierOf } from '../../synthesized/facts';

export default defineRule({
  id: 'MFA-01',
  name: 'high-tier-phishing-resistant',
  severity: 'error',
  title:
    'Every allow rule of a high or critical sign-on tier requires ' +
    'phishing-resistant possession (critical: also device-bound)',
  why:
    'Push, OTP and SMS are phished in real time by adversary-in-the-middle kits; ' +
    'only FIDO2/WebAuthn and Okta FastPass bind the sign-in to the real origin. ' +
    'Okta ORs the constraint list, so one weaker entry is the weakest path.',
  source: 'Okta docs: Phishing-resistant authentication; CISA "Implementing phishing-resistant MFA"',
  fix:
    "Build the tier's constraints from PHISHING_RESISTANT (high) or " +
    'PHISHING_RESISTANT_DEVICE_BOUND (critical) and give every allow rule only those.',
  check: (stack) => {
    const tiered = stack
      .resources('okta_app_signon_policy')
      .filter((p) => tierOf(stack, p) === 'high' || tierOf(stack, p) === 'critical');
    return each(tiered, (policy) => {
      const tier = tierOf(stack, policy);
      const f: RuleFinding[] = [];
      for (const rule of stack.referrers('okta_app_signon_policy_rule', 'policy_id', policy).filter(allows)) {
        const constraints = constraintsOf(rule);
        if (constraints.length === 0) {
          f.push(on(rule, `${tier} tier allow rule has no constraints: any factor satisfies it`));
          continue;
        }
        constraints.forEach((c, i) => {
          if (!c.value || !requiresPhishingResistant(c.value))
            f.push(on(rule, `${tier} tier constraint ${i + 1} does not require phishing-resistant possession`));
          else if (tier === 'critical') {
            const p = c.value.possession;
            if (!isObject(p) || p.deviceBound !== 'REQUIRED')
              f.push(on(rule, `critical tier constraint ${i + 1} does not require a device-bound factor`));
          }
        });
      }
      return f;
    });
  },
});
