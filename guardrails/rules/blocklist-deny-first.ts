import { defineRule, NOT_APPLICABLE, on, verdict, type RuleFinding } from '../rule';
import type { StackModel, TfResource } from '../../synthesized/model';
import { num, str } from '../../synthesized/facts';

/** Network zones used to deny access: usage BLOCKLIST, or included by any DENY rule. */
function blocklistZones(stack: StackModel): Set<string> {
  const zones = new Set(
    stack
      .resources('okta_network_zone')
      .filter((z) => str(z.attrs.usage) === 'BLOCKLIST')
      .map((z) => z.address),
  );
  for (const type of ['okta_policy_rule_signon', 'okta_app_signon_policy_rule']) {
    for (const r of stack.resources(type)) {
      if (str(r.attrs.access) !== 'DENY') continue;
      for (const ref of stack.references(r.attrs.network_includes))
        if (ref.type === 'okta_network_zone') zones.add(ref.address);
    }
  }
  return zones;
}

const deniesBlocklist = (stack: StackModel, zones: Set<string>) => (r: TfResource) =>
  str(r.attrs.access) === 'DENY' && stack.references(r.attrs.network_includes).some((ref) => zones.has(ref.address));

export default defineRule({
  id: 'MFA-05',
  name: 'blocklist-deny-first',
  severity: 'error',
  title: 'Every global session and app sign-on policy denies the blocklist zones in its first rule',
  why:
    'Okta evaluates rules in priority order and stops at the first match: a deny rule ' +
    'below an allow rule never fires, so blocked countries and anonymizers sign in.',
  source: 'Okta docs: Network zones and policy rule evaluation order',
  fix: 'Put a DENY rule whose network_includes are the blocklist zones at priority 1 of every policy.',
  check: (stack) => {
    const zones = blocklistZones(stack);
    if (zones.size === 0) return NOT_APPLICABLE;
    const policies: [TfResource, string][] = [
      ...stack.resources('okta_policy_signon').map((p): [TfResource, string] => [p, 'okta_policy_rule_signon']),
      ...stack.resources('okta_app_signon_policy').map((p): [TfResource, string] => [p, 'okta_app_signon_policy_rule']),
    ];
    const f: RuleFinding[] = [];
    for (const [policy, ruleType] of policies) {
      const rules = stack.referrers(ruleType, 'policy_id', policy);
      const first = rules.find((r) => num(r.attrs.priority) === 1);
      if (!first || !deniesBlocklist(stack, zones)(first)) {
        const deny = rules.find(deniesBlocklist(stack, zones));
        f.push(
          on(
            deny ?? policy,
            deny
              ? `the blocklist deny rule has priority ${String(deny.attrs.priority ?? 'unset')}, not 1`
              : 'the policy has no rule denying the blocklist zones',
          ),
        );
      }
    }
    return verdict(f);
  },
});
